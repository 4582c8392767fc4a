package io.berth.server.endpoint;

import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortLayout;
import io.berth.ports.Protocol;
import io.berth.ports.SocketProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The one free-port probe of the endpoint tests: ports the OS hands out (its ephemeral range, which no
 * server's defaults or offsets aim at), checked free for every protocol the catalogue gives a port id
 * with the probe the preflight uses. No fixed number and no range of its own, so the tests pass
 * whatever else runs on the host.
 */
public final class FreePorts {

    /** How many ports from the OS are tried before giving up. */
    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    /** A port free right now for every protocol of {@code id} (TCP and UDP for the KDC). */
    public static int of(String id) {
        return offsetWhere(id, 1, false);
    }

    /**
     * An offset at which {@code count} consecutive ports from {@code id}'s effective port are free for
     * its protocols, and every port of the catalogue stays within 1..65535: for tests whose members
     * name each other by offset.
     */
    public static int offsetWhere(String id, int count) {
        return offsetWhere(id, count, true);
    }

    /** A TCP port that the OS gives as free on {@code host} (a name or literal) right now. */
    public static int onHost(String host) throws java.io.IOException {
        try (java.nio.channels.ServerSocketChannel probe = java.nio.channels.ServerSocketChannel.open()) {
            probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(host), 0));
            return probe.socket().getLocalPort();
        }
    }

    /** Whether {@code port} is free for {@code protocol} on every address of this host. */
    public static boolean isFree(int port, Protocol protocol) {
        return new SocketProbe().isFree(port, protocol);
    }

    private static int offsetWhere(String id, int count, boolean asOffset) {
        int defaultPort = PortCatalogue.BERTH.port(id).defaultPort();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = fromTheOs();
            int offset = port - defaultPort;
            if (asOffset && (offset < 0 || !validOffset(offset))) {
                continue;
            }
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                int candidate = port + i;
                free = PortCatalogue.BERTH.port(id).protocols().stream().allMatch(protocol -> isFree(candidate, protocol));
            }
            if (free) {
                return asOffset ? offset : port;
            }
        }
        throw new IllegalStateException("no free " + id + " port" + (count > 1 ? "s" : "") + " in " + ATTEMPTS + " tries");
    }

    private static boolean validOffset(int offset) {
        try {
            PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.OPTION));
            return true;
        } catch (RuntimeException outOfRangeOrColliding) {
            return false;
        }
    }

    private static int fromTheOs() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot get a port from the OS", e);
        }
    }
}
