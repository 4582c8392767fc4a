package io.berth.server.jmx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Gives RMI the socket the port registry bound at preflight, on the configured host only. The JDK,
 * left to itself, binds RMI ports on every interface. Should RMI ask again for the same port (after
 * every object on it was unexported), it gets a new socket bound to the same host. With a TLS context, every
 * accepted connection speaks TLS.
 */
final class HostServerSocketFactory implements RMIServerSocketFactory {

    private final InetAddress host;
    private final Optional<SSLContext> tls;
    private ServerSocketChannel preflightSocket;

    HostServerSocketFactory(InetAddress host, ServerSocketChannel preflightSocket, Optional<SSLContext> tls) {
        this.host = host;
        this.preflightSocket = preflightSocket;
        this.tls = tls;
    }

    @Override
    public synchronized ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket plain = plainServerSocket(port);
        return tls.isPresent() ? new TlsServerSocket(plain, tls.get()) : plain;
    }

    private ServerSocket plainServerSocket(int port) throws IOException {
        ServerSocketChannel handed = preflightSocket;
        if (handed != null && handed.isOpen() && handed.socket().getLocalPort() == port) {
            preflightSocket = null;
            return handed.socket();
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(host, port));
        return socket;
    }

    /** The port of the preflight socket: the one RMI must be asked to export on. */
    int port() {
        return preflightSocket.socket().getLocalPort();
    }

    /** Releases the preflight socket if RMI never took it. */
    synchronized void close() throws IOException {
        if (preflightSocket != null) {
            preflightSocket.close();
            preflightSocket = null;
        }
    }
}
