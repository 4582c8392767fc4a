package io.berth.server.jmx;

import io.berth.server.endpoint.BoundServerSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.rmi.server.RMIServerSocketFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Gives RMI the sockets the port registry bound at preflight, on the port's bind addresses only. The JDK,
 * left to itself, binds RMI ports on every interface. Should RMI ask again for the same port (after every
 * object on it was unexported), it gets new sockets bound to the same addresses. With a TLS context, every
 * accepted connection speaks TLS ({@link TlsServerSocket}).
 */
final class HostServerSocketFactory implements RMIServerSocketFactory {

    private final List<InetAddress> addresses;
    private final int port;
    private final Optional<SSLContext> tls;
    private BoundServerSocket preflightSocket;

    /**
     * @param preflightChannels the port's bound channels, one per bind address; owned from here on
     * @param tls               the context every accepted connection speaks TLS with, or empty for plain RMI
     */
    HostServerSocketFactory(List<ServerSocketChannel> preflightChannels, Optional<SSLContext> tls) throws IOException {
        this.tls = tls;
        this.addresses = preflightChannels.stream().map(channel -> channel.socket().getInetAddress()).toList();
        this.preflightSocket = new BoundServerSocket(preflightChannels);
        this.port = preflightSocket.getLocalPort();
    }

    @Override
    public synchronized ServerSocket createServerSocket(int requested) throws IOException {
        ServerSocket plain = plainServerSocket(requested);
        return tls.isPresent() ? new TlsServerSocket(plain, tls.get()) : plain;
    }

    private ServerSocket plainServerSocket(int requested) throws IOException {
        BoundServerSocket handed = preflightSocket;
        if (handed != null && !handed.isClosed() && requested == port) {
            preflightSocket = null;
            return handed;
        }
        List<ServerSocketChannel> channels = new ArrayList<>();
        try {
            for (InetAddress address : addresses) {
                ServerSocketChannel channel = ServerSocketChannel.open();
                channels.add(channel);
                channel.socket().setReuseAddress(true);
                channel.bind(new InetSocketAddress(address, requested));
            }
            return new BoundServerSocket(channels);
        } catch (IOException | RuntimeException e) {
            for (ServerSocketChannel channel : channels) {
                channel.close();
            }
            throw e;
        }
    }

    /** The port of the preflight sockets: the one RMI must be asked to export on. */
    int port() {
        return port;
    }

    /** Releases the preflight sockets if RMI never took them. */
    synchronized void close() throws IOException {
        if (preflightSocket != null) {
            preflightSocket.close();
            preflightSocket = null;
        }
    }
}
