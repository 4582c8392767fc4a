package io.berth.server.thrift.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Binds listening sockets, with errors that name the address. */
public final class ListenSockets {
    private static final int BACKLOG = 50;

    private ListenSockets() {
    }

    /**
     * @param host address to bind; empty or {@code *} mean every interface
     * @throws IOException naming host and port when the address cannot be resolved or bound
     */
    public static ServerSocket bind(String host, int port) throws IOException {
        InetSocketAddress address = address(host, port);
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true); // restart while old connections sit in TIME_WAIT
            socket.bind(address, BACKLOG);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw new IOException("Cannot listen on " + describe(host, port) + ": " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress address(String host, int port) throws IOException {
        if (port < 1 || port > 65535) {
            throw new IOException("Cannot listen on " + describe(host, port) + ": port out of range");
        }
        if (host == null || host.isBlank() || "*".equals(host.trim())) {
            return new InetSocketAddress(port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host.trim()), port);
        } catch (IOException e) {
            throw new IOException("Cannot resolve bind host '" + host + "' for port " + port + ": " + e.getMessage(), e);
        }
    }

    private static String describe(String host, int port) {
        return (host == null || host.isBlank() ? "*" : host) + ":" + port;
    }
}
