package io.berth.server.kdc;

import io.berth.server.endpoint.BoundServerSocket;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.KdcHandler;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import io.berth.server.thrift.transport.Connection;
import io.berth.server.thrift.transport.ConnectionTable;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The KDC's TCP and UDP listeners on one port, on every bind address (RFC 4120 section 7.2), feeding Kerby's
 * {@link KdcHandler}. They serve the sockets the port registry bound at preflight, handed over.
 *
 * <p>Why not Kerby's own network layer: it polls both sockets in one busy loop (100 ms TCP accept
 * timeout), keeps one UDP "transport" per client address forever, and leaves the TCP socket bound
 * when binding UDP fails. Here each socket has a blocking reader thread, work runs on a bounded pool,
 * and {@link #close()} releases both ports before returning.
 */
final class KdcListeners implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KdcListeners.class.getName());

    /** Largest TCP request accepted; real AS/TGS requests are a few KiB even with big PACs. */
    private static final int MAX_TCP_MESSAGE = 1 << 20;
    private static final int MAX_UDP_MESSAGE = 65535;
    /**
     * Larger UDP replies are replaced by KRB_ERR_RESPONSE_TOO_BIG so the client retries over TCP
     * instead of relying on IP fragmentation (MIT's max_dgram_reply_size default).
     */
    private static final int MAX_UDP_REPLY = 4096;
    /** UDP workers and their queue: TCP connections have threads of their own and never take these. */
    private static final int WORKERS = 16;
    private static final int QUEUE = 256;
    /** How often the deadlines of TCP connections are checked. */
    private static final long REAP_MILLIS = 500;

    private final String realm;
    private final ConnectionTable connections;
    private final JunkWarnings junk = new JunkWarnings(Clock.systemUTC());
    private final ServerSocket tcp;
    private final List<DatagramSocket> udp;
    private final int port;
    private final List<Thread> threads = new ArrayList<>();
    private KdcHandler handler;
    private ThreadPoolExecutor workers;
    private volatile boolean closing;

    /**
     * @param tcp the bound TCP sockets of the KDC port, one per bind address; owned from here on
     * @param udp the bound UDP sockets of the same port and addresses; owned from here on
     */
    KdcListeners(String realm, KdcLimits limits, List<ServerSocketChannel> tcp, List<DatagramChannel> udp) throws IOException {
        this.realm = realm;
        // No TLS here: the handshake phase is over as soon as a connection is admitted.
        this.connections = new ConnectionTable(limits.maxTcpConnections(), limits.idleTimeout(), limits.idleTimeout(),
                limits.requestTimeout(), Clock.systemUTC());
        this.udp = udp.stream().map(DatagramChannel::socket).toList();
        try {
            this.tcp = new BoundServerSocket(tcp);
        } catch (IOException e) {
            this.udp.forEach(DatagramSocket::close);
            throw e;
        }
        this.port = this.tcp.getLocalPort();
    }

    /** The port every socket is bound to. */
    int port() {
        return port;
    }

    /** Starts serving the bound sockets with {@code requests}. */
    synchronized void open(KdcHandler requests) {
        this.handler = requests;
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> daemon(r, "berth-kdc-worker-" + n.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        threads.add(daemon(this::acceptLoop, "berth-kdc-tcp-" + port));
        threads.add(daemon(this::reapLoop, "berth-kdc-deadlines-" + port));
        for (DatagramSocket socket : udp) {
            threads.add(daemon(() -> udpLoop(socket), "berth-kdc-udp-" + socket.getLocalSocketAddress()));
        }
        threads.forEach(Thread::start);
    }

    /** Closes every socket and every open client connection. Idempotent. */
    @Override
    public synchronized void close() {
        closing = true;
        closeQuietly(tcp);
        udp.forEach(DatagramSocket::close);
        connections.closeAll();
        if (workers != null) {
            workers.shutdownNow();
        }
        threads.forEach(KdcListeners::join);
    }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "KDC TCP accept failed on " + tcp + ": " + e.getMessage());
                }
                continue;
            }
            ConnectionTable.Admitted admitted = connections.admit(s);
            admitted.evicted().ifPresent(evicted -> LOG.log(Level.DEBUG, "KDC closed the least recently active "
                    + "TCP connection to admit one from " + s.getInetAddress()));
            connections.handshakeDone(admitted.connection());
            // A thread per connection, bounded by the connection cap: a slow client holds its own thread only.
            daemon(() -> serveTcp(s, admitted.connection()), "berth-kdc-tcp-client").start();
        }
    }

    /** Closes connections past their deadline; a blocked read on a closed socket then ends its thread. */
    private void reapLoop() {
        while (!closing) {
            connections.expired().forEach(expired -> LOG.log(Level.DEBUG, "KDC closed a TCP connection past its deadline"));
            try {
                Thread.sleep(REAP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serveTcp(Socket s, Connection connection) {
        try (s) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            while (!closing) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                // From the first byte on, the whole request and its answer run against one deadline.
                connections.requestStarted(connection);
                int len = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                // High bit set means a TCP extension (RFC 4120 7.2.2) we do not support; zero is invalid.
                if (len <= 0 || len > MAX_TCP_MESSAGE) {
                    junk.junk(String.valueOf(s.getInetAddress()), "a TCP request of length " + len);
                    return;
                }
                byte[] req = new byte[len];
                in.readFully(req);
                ByteBuffer reply;
                try {
                    reply = handler.handleMessage(ByteBuffer.wrap(req), true, s.getInetAddress());
                } catch (MalformedKdcRequestException e) {
                    junk.junk(String.valueOf(s.getInetAddress()), e.getMessage());
                    return;
                }
                out.write(reply.array(), reply.arrayOffset() + reply.position(), reply.remaining());
                out.flush();
                connections.requestDone(connection);
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.log(Level.DEBUG, "KDC TCP client " + s.getInetAddress() + " gone: " + e.getMessage());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "KDC TCP request from " + s.getInetAddress() + " failed: " + e.getMessage());
        } finally {
            connections.remove(connection);
        }
    }

    private void udpLoop(DatagramSocket udp) {
        byte[] buf = new byte[MAX_UDP_MESSAGE];
        while (!closing) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "KDC UDP receive failed on " + udp.getLocalSocketAddress() + ": " + e.getMessage());
                }
                continue;
            }
            byte[] req = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
            InetAddress from = p.getAddress();
            int fromPort = p.getPort();
            try {
                workers.execute(() -> serveUdp(udp, req, from, fromPort));
            } catch (RejectedExecutionException busy) {
                // UDP clients retry; dropping under overload is the protocol's back-pressure.
                LOG.log(Level.DEBUG, "KDC busy, dropping UDP request from " + from);
            }
        }
    }

    private void serveUdp(DatagramSocket udp, byte[] req, InetAddress from, int fromPort) {
        try {
            ByteBuffer reply = handler.handleMessage(ByteBuffer.wrap(req), false, from);
            if (reply.remaining() > MAX_UDP_REPLY) {
                reply = ByteBuffer.wrap(responseTooBig());
            }
            udp.send(new DatagramPacket(reply.array(), reply.arrayOffset() + reply.position(),
                    reply.remaining(), from, fromPort));
        } catch (MalformedKdcRequestException e) {
            junk.junk(String.valueOf(from), e.getMessage());
        } catch (Exception e) {
            if (!closing) {
                LOG.log(Level.WARNING, "KDC UDP request from " + from + " failed: " + e.getMessage());
            }
        }
    }

    private byte[] responseTooBig() throws KrbException {
        KrbError error = new KrbError();
        error.setErrorCode(KrbErrorCode.RESPONSE_TOO_BIG);
        error.setStime(KerberosTime.now());
        error.setSusec(0);
        error.setRealm(realm);
        error.setSname(new PrincipalName(List.of("krbtgt", realm), NameType.NT_SRV_INST));
        return KrbCodec.encode(error);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void join(Thread t) {
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing during shutdown: nothing useful to do with the error.
            }
        }
    }
}
