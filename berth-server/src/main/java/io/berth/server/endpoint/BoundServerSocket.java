package io.berth.server.endpoint;

import io.berth.ports.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.List;

/**
 * One {@link ServerSocket} over the sockets the preflight bound for a port, one per bind address, for the
 * libraries that accept from a single {@code ServerSocket} (RMI's socket factory, Thrift's server transport).
 * {@link #accept()} returns the next connection on any of them, so a name with several addresses
 * ({@code localhost}: 127.0.0.1 and ::1) is served on all of them by one acceptor.
 *
 * <p>It is never bound itself: binding, options and addresses belong to the channels it was given, which it
 * owns from construction on and closes in {@link #close()}.
 */
public final class BoundServerSocket extends ServerSocket {

    private final List<ServerSocketChannel> channels;
    private final Selector selector;
    private volatile boolean closed;
    private volatile int timeoutMillis;

    /**
     * @param channels bound, blocking channels of one port, at least one
     * @throws IOException when a selector cannot be opened for several channels; the channels are closed
     */
    public BoundServerSocket(List<ServerSocketChannel> channels) throws IOException {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no bound channel");
        }
        this.channels = List.copyOf(channels);
        Selector opened = null;
        try {
            if (channels.size() > 1) {
                opened = Selector.open();
                for (ServerSocketChannel channel : channels) {
                    channel.configureBlocking(false);
                    channel.register(opened, SelectionKey.OP_ACCEPT);
                }
            }
        } catch (IOException | RuntimeException e) {
            closeChannels();
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
        this.selector = opened;
    }

    @Override
    public Socket accept() throws IOException {
        if (selector == null) {
            ServerSocket only = channels.get(0).socket();
            only.setSoTimeout(timeoutMillis);
            return only.accept();
        }
        while (true) {
            ensureOpen();
            int ready;
            try {
                ready = timeoutMillis > 0 ? selector.select(timeoutMillis) : selector.select();
            } catch (ClosedSelectorException e) {
                throw new SocketException("Socket is closed");
            }
            ensureOpen();
            if (ready == 0 && timeoutMillis > 0) {
                throw new SocketTimeoutException("Accept timed out");
            }
            try {
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    SocketChannel client = ((ServerSocketChannel) key.channel()).accept();
                    if (client != null) {
                        client.configureBlocking(true);
                        return client.socket();
                    }
                }
            } catch (ClosedSelectorException e) {
                throw new SocketException("Socket is closed");
            }
        }
    }

    private void ensureOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
    }

    /** The addresses it accepts on, one per channel. */
    public List<SocketAddress> localAddresses() {
        return channels.stream().map(channel -> channel.socket().getLocalSocketAddress()).toList();
    }

    @Override
    public int getLocalPort() {
        return channels.get(0).socket().getLocalPort();
    }

    @Override
    public InetAddress getInetAddress() {
        return channels.get(0).socket().getInetAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return channels.get(0).socket().getLocalSocketAddress();
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setSoTimeout(int timeout) {
        this.timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeoutMillis;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            closeChannels();
        } finally {
            if (selector != null) {
                selector.close();
            }
            super.close();
        }
    }

    private void closeChannels() throws IOException {
        IOException first = null;
        for (ServerSocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return channels.stream().map(channel -> new HostPort(HostPort.literal(channel.socket().getInetAddress()),
                channel.socket().getLocalPort()).toString()).toList().toString();
    }
}
