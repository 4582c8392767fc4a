package io.berth.server.thrift.transport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolFactory;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;

/**
 * A Thrift server on one TLS port that stays answerable under slow and hostile clients: a thread
 * per connection as TThreadPoolServer, but every connection is in a {@link ConnectionTable}, so
 * there are never more than its cap (one more evicts the least recently active), and a sweeper
 * closes each one whose handshake, idle wait or request has run past its deadline. What a client
 * can make it do wrong is logged as one rate-limited WARN line, never a stack trace.
 *
 * <p>TLS is layered over each accepted plain socket rather than taken from an SSLServerSocket, so
 * that the handshake runs on the connection's worker (the accept loop never waits for a client)
 * and closing the plain socket ends a worker blocked in a read at once.
 */
public final class BoundedTlsServer {
    private static final System.Logger LOG = System.getLogger(BoundedTlsServer.class.getName());
    /** Older protocols are disabled even where the JVM's configuration would still allow them. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(250);
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(60);

    private final ServerSocket listening;
    private final SSLContext tls;
    private final TProcessor processor;
    private final TProtocolFactory protocols;
    private final ConnectionTable table;
    private final int maxMessageBytes;
    private final int readTimeoutMillis;
    private final String name;
    private final ExecutorService workers;
    private final RateLimitedWarning junk;
    private final RateLimitedWarning evictions;
    private final Thread acceptor;
    private final Thread sweeper;
    private volatile boolean stopping;

    /**
     * @param listening       a bound plain server socket; closed by {@link #stop}
     * @param maxMessageBytes largest Thrift message read from a connection
     * @param readTimeout     per-read socket timeout, a backstop behind the table's deadlines
     * @param name            names the threads and the log lines, e.g. "thrift-entitlement"
     */
    public BoundedTlsServer(ServerSocket listening, SSLContext tls, TProcessor processor, TProtocolFactory protocols,
            ConnectionTable table, int maxMessageBytes, Duration readTimeout, String name) {
        this.listening = listening;
        this.tls = tls;
        this.processor = processor;
        this.protocols = protocols;
        this.table = table;
        this.maxMessageBytes = maxMessageBytes;
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
        this.name = name;
        AtomicInteger count = new AtomicInteger();
        // No queue: the table bounds the connections, so a thread is there for each one it admits.
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> daemon(runnable, "berth-" + name + "-worker-" + count.incrementAndGet()));
        this.junk = new RateLimitedWarning(LOG, WARN_INTERVAL, Clock.systemUTC());
        this.evictions = new RateLimitedWarning(LOG, WARN_INTERVAL, Clock.systemUTC());
        this.acceptor = daemon(this::acceptLoop, "berth-" + name + "-acceptor");
        this.sweeper = daemon(this::sweepLoop, "berth-" + name + "-deadlines");
    }

    public void start() {
        acceptor.start();
        sweeper.start();
    }

    /** Closes the port and every connection; waits up to {@code timeout} for the acceptor to end. */
    public void stop(Duration timeout) {
        stopping = true;
        try {
            listening.close(); // the port is free from here on
        } catch (IOException e) {
            // closed either way
        }
        table.closeAll();
        workers.shutdownNow();
        sweeper.interrupt();
        try {
            acceptor.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (acceptor.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "{0} acceptor still running {1} after stop", name, timeout);
        }
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket tcp;
            try {
                tcp = listening.accept();
            } catch (IOException e) {
                if (!stopping) {
                    junk.warn(name + ": accept failed: " + e.getMessage());
                }
                continue;
            }
            ConnectionTable.Admitted admitted = table.admit(tcp);
            admitted.evicted().ifPresent(old -> evictions.warn(name + ": " + old.closedBecause() + " (peer "
                    + old.peer() + "); raise [entitlement.thrift] max_connections if real clients need more"));
            try {
                workers.execute(() -> serve(admitted.connection()));
            } catch (RejectedExecutionException e) {
                table.remove(admitted.connection());
                admitted.connection().close("server stopping");
            }
        }
    }

    private void sweepLoop() {
        while (!stopping) {
            try {
                Thread.sleep(SWEEP_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            for (Connection c : table.expired()) {
                junk.warn(name + ": closed the connection from " + c.peer() + ": " + c.closedBecause());
            }
        }
    }

    private void serve(Connection c) {
        try {
            SSLSocket ssl = serverSide(c.tcp());
            ssl.startHandshake();
            table.handshakeDone(c);
            TSocket socket = new TSocket(ssl);
            // TSocket starts with the 100 MB default; lower it and make the transport re-read the limit.
            socket.getConfiguration().setMaxMessageSize(maxMessageBytes);
            socket.updateKnownMessageSize(0);
            TProtocol protocol = protocols.getProtocol(new ActivityTransport(socket, table, c));
            while (!stopping) {
                processor.process(protocol, protocol);
                table.requestDone(c);
            }
        } catch (TTransportException e) {
            if (e.getType() != TTransportException.END_OF_FILE) {
                report(c, "transport error: " + e.getMessage());
            }
        } catch (SSLException e) {
            report(c, "TLS handshake failed: " + e.getMessage());
        } catch (TException e) {
            report(c, "not a Thrift message this service reads: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            report(c, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            table.remove(c);
            c.close("done");
        }
    }

    /** One line about a connection that ended badly, unless the server itself ended it. */
    private void report(Connection c, String what) {
        if (stopping || c.closedBecause() != null) {
            return; // cut off by a deadline, an eviction or stop(): already reported
        }
        junk.warn(name + ": dropped the connection from " + c.peer() + ": " + what);
    }

    private SSLSocket serverSide(Socket tcp) throws IOException {
        tcp.setSoTimeout(readTimeoutMillis);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(tcp, null, tcp.getPort(), true);
        socket.setUseClientMode(false);
        socket.setNeedClientAuth(false); // clients authenticate with AuthenticatorService
        socket.setEnabledProtocols(Arrays.stream(PROTOCOLS)
                .filter(Arrays.asList(socket.getSupportedProtocols())::contains)
                .toArray(String[]::new));
        return socket;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread t = new Thread(runnable, name);
        t.setDaemon(true);
        return t;
    }
}
