package io.berth.server.thrift;

import io.berth.server.thrift.auth.EntitlementLogin;
import io.berth.server.thrift.auth.LoginRefusedException;
import io.berth.server.thrift.generated.AuthenticationException;
import io.berth.server.thrift.generated.AuthenticatorService;
import io.berth.server.thrift.transport.RateLimitedWarning;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * WSO2's {@code /thriftAuthenticator}: {@code AuthenticatorService} as Thrift over HTTP with
 * TCompactProtocol, on the servlet transport, answered over HTTPS only (WSO2's servlet ignores a
 * request that is not secure; Berth says 403 and why). GET is taken as POST, as WSO2's servlet
 * does. The body is read without blocking and the password check runs on a pool of
 * {@code maxConcurrentLogins} threads, so logins never hold Jetty's threads; when that pool and
 * its short queue are full the answer is 503.
 */
public final class ThriftAuthenticatorHandler extends Handler.Abstract.NonBlocking {
    public static final String PATH = "/thriftAuthenticator";
    private static final String THRIFT = "application/x-thrift";
    /** A login message is a user name and a password: a few hundred bytes. */
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int QUEUED_LOGINS = 32;
    private static final System.Logger LOG = System.getLogger(ThriftAuthenticatorHandler.class.getName());

    private final EntitlementLogin login;
    private final int threads;
    private final RateLimitedWarning junk = new RateLimitedWarning(LOG, Duration.ofSeconds(60), Clock.systemUTC());
    private ThreadPoolExecutor checks;

    /** @param threads logins checked at once ({@code [entitlement.thrift] max_concurrent_logins}) */
    public ThriftAuthenticatorHandler(EntitlementLogin login, int threads) {
        this.login = login;
        this.threads = threads;
    }

    @Override
    protected void doStart() throws Exception {
        AtomicInteger count = new AtomicInteger();
        checks = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_LOGINS),
                runnable -> {
                    Thread t = new Thread(runnable, "berth-thrift-login-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        checks.allowCoreThreadTimeOut(true);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        checks.shutdownNow();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!request.isSecure()) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                    "The Thrift authenticator is served over HTTPS only");
            return true;
        }
        InetAddress source = ((InetSocketAddress) request.getConnectionMetaData().getRemoteSocketAddress()).getAddress();
        Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES).whenComplete((body, failure) -> {
            if (failure != null) {
                Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413,
                        "A login message is at most " + MAX_BODY_BYTES + " bytes");
                return;
            }
            try {
                checks.execute(() -> answer(body, source, request, response, callback));
            } catch (RejectedExecutionException e) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                        "Too many logins in progress");
            }
        });
        return true;
    }

    private void answer(byte[] body, InetAddress source, Request request, Response response, Callback callback) {
        try {
            TMemoryBuffer out = new TMemoryBuffer(256);
            AuthenticatorService.Processor<AuthenticatorService.Iface> processor =
                    new AuthenticatorService.Processor<>((user, password) -> authenticate(user, password, source));
            processor.process(new TCompactProtocol(new TMemoryInputTransport(body), MAX_BODY_BYTES, 0),
                    new TCompactProtocol(out));
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, THRIFT);
            response.write(true, ByteBuffer.wrap(out.getArray(), 0, out.length()), callback);
        } catch (TException | RuntimeException e) {
            junk.warn("Thrift authenticator: refused a message from " + source.getHostAddress()
                    + " that is not a Thrift compact-protocol call: " + e.getMessage());
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400,
                    "Not a Thrift compact-protocol call of AuthenticatorService");
        }
    }

    private String authenticate(String user, String password, InetAddress source) throws AuthenticationException {
        try {
            return login.authenticate(user, password, source);
        } catch (LoginRefusedException e) {
            throw new AuthenticationException(e.getMessage());
        }
    }
}
