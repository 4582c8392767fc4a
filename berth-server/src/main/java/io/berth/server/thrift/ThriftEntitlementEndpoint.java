package io.berth.server.thrift;

import io.berth.server.endpoint.BoundServerSocket;
import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import io.berth.server.thrift.auth.SessionStore;
import io.berth.server.thrift.auth.UserStore;
import io.berth.server.thrift.generated.AuthenticatorService;
import io.berth.server.thrift.generated.EntitlementService;
import io.berth.server.thrift.transport.TlsServerTransport;
import io.berth.server.thrift.xacml.DecisionService;
import io.berth.server.thrift.xacml.PolicyFile;
import io.berth.server.thrift.xacml.PolicySet;
import io.berth.server.thrift.xacml.XacmlRequestParser;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.thrift.TMultiplexedProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TTransportException;

/**
 * WSO2's ThriftEntitlementReceivePort: AuthenticatorService and EntitlementService multiplexed
 * on one TLS port, served by a bounded thread pool (one worker per open connection).
 */
public final class ThriftEntitlementEndpoint implements Endpoint {
    public static final String PORT_ID = "thrift-entitlement";
    public static final String AUTHENTICATOR_SERVICE = "AuthenticatorService";
    public static final String ENTITLEMENT_SERVICE = "EntitlementService";

    private static final System.Logger LOG = System.getLogger(ThriftEntitlementEndpoint.class.getName());
    /** The IDL has no containers; anything sent as one is garbage or an attack. */
    private static final int MAX_CONTAINER_LENGTH = 16;

    private record Running(EntitlementThriftServer server, TlsServerTransport transport,
                           ExecutorService workers, Thread acceptor, SessionStore sessions) {
    }

    private final SSLContext sslContext;
    private final ThriftEntitlementSettings settings;
    private final Clock clock;
    private Running running;

    public ThriftEntitlementEndpoint(SSLContext sslContext, ThriftEntitlementSettings settings) {
        this(sslContext, settings, Clock.systemUTC());
    }

    /** @param clock drives session expiry; tests pass a controllable one */
    public ThriftEntitlementEndpoint(SSLContext sslContext, ThriftEntitlementSettings settings, Clock clock) {
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "thrift-entitlement";
    }

    @Override
    public List<String> portIds() {
        return List.of(PORT_ID);
    }

    @Override
    public synchronized void start(EndpointContext context) throws Exception {
        if (running != null) {
            throw new IllegalStateException(name() + " endpoint is already started");
        }
        // Everything that reads files comes first, so a bad file fails start without opening the port.
        PolicySet policies = loadPolicies(context.home());
        UserStore users = loadUsers(context.home());
        SessionStore sessions = new SessionStore(settings.sessionIdleTimeout(), settings.maxSessions(), clock);
        EntitlementHandler handler = new EntitlementHandler(users, sessions,
                new DecisionService(new XacmlRequestParser(settings.maxRequestBytes()), policies));

        ServerSocket socket = new BoundServerSocket(context.boundChannels(PORT_ID));
        TlsServerTransport transport;
        try {
            transport = new TlsServerTransport(socket, sslContext, (int) settings.clientTimeout().toMillis(),
                    settings.maxMessageBytes());
        } catch (TTransportException e) {
            socket.close();
            throw e;
        }
        ExecutorService workers = workerPool();
        EntitlementThriftServer server = new EntitlementThriftServer(new EntitlementThriftServer.Args(transport)
                .processor(processor(handler))
                .protocolFactory(new TBinaryProtocol.Factory(settings.maxMessageBytes(), MAX_CONTAINER_LENGTH))
                .executorService(workers)
                .stopTimeoutVal((int) settings.stopTimeout().toMillis())
                .stopTimeoutUnit(TimeUnit.MILLISECONDS));
        Thread acceptor = new Thread(server::serve, "berth-thrift-entitlement-acceptor");
        acceptor.setDaemon(true);
        running = new Running(server, transport, workers, acceptor, sessions);
        acceptor.start();
        LOG.log(Level.INFO, "Thrift entitlement endpoint listening on {0} (TLS), advertised as {1}", socket,
                context.binding(PORT_ID).advertised(socket.getLocalPort()));
    }

    @Override
    public synchronized void stop() {
        Running r = running;
        running = null;
        if (r == null) {
            return;
        }
        r.server().stop();          // closes the listening socket: the port is free from here on
        r.transport().close();
        r.transport().closeClients(); // wakes workers blocked in reads
        r.workers().shutdownNow();
        r.sessions().clear();
        try {
            r.acceptor().join(settings.stopTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (r.acceptor().isAlive()) {
            LOG.log(Level.WARNING, "Thrift entitlement acceptor still running {0} after stop", settings.stopTimeout());
        }
    }

    private UserStore loadUsers(Path home) throws IOException {
        return UserStore.openOrBootstrap(home.resolve(settings.usersFile()), home.resolve(settings.adminPasswordFile()),
                settings.passwordIterations());
    }

    private PolicySet loadPolicies(Path home) throws IOException {
        return PolicyFile.loadOrCreate(home.resolve(settings.policyFile()));
    }

    private static TMultiplexedProcessor processor(EntitlementHandler handler) {
        TMultiplexedProcessor processor = new TMultiplexedProcessor();
        processor.registerProcessor(AUTHENTICATOR_SERVICE, new AuthenticatorService.Processor<>(handler));
        processor.registerProcessor(ENTITLEMENT_SERVICE, new EntitlementService.Processor<>(handler));
        return processor;
    }

    /** Same shape as TThreadPoolServer's default pool (no queue: a connection past the max is closed), named threads. */
    private ExecutorService workerPool() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(settings.minWorkerThreads(), settings.maxWorkerThreads(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread t = new Thread(runnable, "berth-thrift-entitlement-worker-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }
}
