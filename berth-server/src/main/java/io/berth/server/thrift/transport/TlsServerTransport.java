package io.berth.server.thrift.transport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;

/**
 * A Thrift server transport that accepts plain TCP connections and layers TLS over each one.
 *
 * <p>Why not an SSLServerSocket: stop() must end connections whose workers are blocked in a
 * read. Closing an SSLSocket from another thread waits for that read (up to the client timeout),
 * while closing the TCP socket underneath fails the read at once. So the TCP sockets are kept
 * and {@link #closeClients()} closes them.
 *
 * <p>Each connection also gets a lower message size limit than Thrift's 100 MB default.
 */
public final class TlsServerTransport extends TServerSocket {
    /** Older protocols are disabled even where the JVM's configuration would still allow them. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory tls;
    private final int clientTimeoutMillis;
    private final int maxMessageBytes;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    /**
     * @param listening           a bound plain server socket; closed by {@link #close()}
     * @param clientTimeoutMillis read timeout of each connection; the TLS handshake runs on the
     *                            worker's first read, so a client that never completes it is cut off too
     * @param maxMessageBytes     largest Thrift message read from a connection
     */
    public TlsServerTransport(ServerSocket listening, SSLContext context, int clientTimeoutMillis, int maxMessageBytes)
            throws TTransportException {
        super(listening, clientTimeoutMillis);
        this.tls = context.getSocketFactory();
        this.clientTimeoutMillis = clientTimeoutMillis;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public TSocket accept() throws TTransportException {
        ServerSocket listening = getServerSocket();
        if (listening == null) {
            throw new TTransportException(TTransportException.NOT_OPEN, "server socket is closed");
        }
        Socket tcp;
        try {
            tcp = listening.accept();
        } catch (IOException e) {
            throw new TTransportException(e);
        }
        try {
            tcp.setSoTimeout(clientTimeoutMillis);
            TSocket client = new TSocket(serverSide(tcp));
            client.setTimeout(clientTimeoutMillis);
            // TSocket starts with the 100 MB default; lower it and make the transport re-read
            // the limit for the message it is about to receive.
            client.getConfiguration().setMaxMessageSize(maxMessageBytes);
            client.updateKnownMessageSize(0);
            connections.removeIf(Socket::isClosed);
            connections.add(tcp);
            return client;
        } catch (IOException | TTransportException | RuntimeException e) {
            closeQuietly(tcp);
            throw e instanceof TTransportException t ? t : new TTransportException(e);
        }
    }

    /** Ends every open connection: their workers' blocked reads fail and the workers exit. */
    public void closeClients() {
        for (Socket tcp : connections) {
            closeQuietly(tcp);
        }
        connections.clear();
    }

    private SSLSocket serverSide(Socket tcp) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(tcp, null, tcp.getPort(), true);
        socket.setUseClientMode(false);
        socket.setNeedClientAuth(false); // clients authenticate with AuthenticatorService
        socket.setEnabledProtocols(Arrays.stream(PROTOCOLS)
                .filter(Arrays.asList(socket.getSupportedProtocols())::contains)
                .toArray(String[]::new));
        return socket;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do: the socket is unusable either way
        }
    }
}
