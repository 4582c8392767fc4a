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
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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
    /** An idle TCP client is dropped after this long (MIT clients send immediately). */
    private static final int TCP_IDLE_TIMEOUT_MS = 30_000;
    private static final int WORKERS = 16;
    private static final int QUEUE = 256;

    private final String realm;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
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
    KdcListeners(String realm, List<ServerSocketChannel> tcp, List<DatagramChannel> udp) throws IOException {
        this.realm = realm;
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
        clients.forEach(KdcListeners::closeQuietly);
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
            clients.add(s);
            try {
                workers.execute(() -> serveTcp(s));
            } catch (RejectedExecutionException busy) {
                LOG.log(Level.WARNING, "KDC busy, dropping TCP connection from " + s.getInetAddress());
                clients.remove(s);
                closeQuietly(s);
            }
        }
    }

    private void serveTcp(Socket s) {
        try (s) {
            s.setSoTimeout(TCP_IDLE_TIMEOUT_MS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            OutputStream out = s.getOutputStream();
            while (!closing) {
                int len;
                try {
                    len = in.readInt();
                } catch (EOFException | SocketTimeoutException done) {
                    return;
                }
                // High bit set means a TCP extension (RFC 4120 7.2.2) we do not support; zero is invalid.
                if (len <= 0 || len > MAX_TCP_MESSAGE) {
                    LOG.log(Level.DEBUG, "KDC: dropping TCP client with request length " + len);
                    return;
                }
                byte[] req = new byte[len];
                in.readFully(req);
                ByteBuffer reply = handler.handleMessage(ByteBuffer.wrap(req), true, s.getInetAddress());
                out.write(reply.array(), reply.arrayOffset() + reply.position(), reply.remaining());
                out.flush();
            }
        } catch (SocketException e) {
            if (!closing) {
                LOG.log(Level.DEBUG, "KDC TCP client " + s.getInetAddress() + " disconnected: " + e.getMessage());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "KDC TCP request from " + s.getInetAddress() + " failed: " + e.getMessage());
        } finally {
            clients.remove(s);
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
