package io.berth.server.endpoint;

import io.berth.ports.PortCatalogue;
import io.berth.ports.Protocol;
import io.berth.ports.SocketProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands in for the instance's port registry in an endpoint's own tests: each port id on a port that
 * was free on this host a moment ago, for every protocol the catalogue gives the id (TCP and UDP for the
 * KDC). No fixed number and no range is assumed, so the tests pass whatever else runs on the host.
 *
 * @param bindHost the address the endpoint binds, e.g. {@code 127.0.0.1}
 * @param ports    port id to port number
 * @param home     the server home directory the endpoint keeps its files in
 */
public record TestEndpointContext(String bindHost, Map<String, Integer> ports, Path home) implements EndpointContext {

    /** How often a port from the OS's ephemeral range is tried: it must be free for every protocol of the id. */
    private static final int ATTEMPTS = 50;

    public TestEndpointContext {
        ports = Map.copyOf(ports);
    }

    /** A context on {@code bindHost} with each of {@code ids} on a free port. */
    public static TestEndpointContext onFreePorts(String bindHost, Path home, String... ids) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String id : ids) {
            ports.put(id, freePort(id));
        }
        return new TestEndpointContext(bindHost, ports, home);
    }

    /** A port the OS hands out for TCP that is also free for the id's other protocols. */
    private static int freePort(String id) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(0));
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot get a free port from the OS", e);
            }
            if (PortCatalogue.get(id).protocols().stream().allMatch(protocol -> isFree(port, protocol))) {
                return port;
            }
        }
        throw new IllegalStateException("no port free for every protocol of " + id + " in " + ATTEMPTS + " tries");
    }

    /** Whether {@code port} is free for {@code protocol} on every address of this host, probed as the preflight does. */
    public static boolean isFree(int port, Protocol protocol) {
        return new SocketProbe().isFree(port, protocol);
    }

    @Override
    public int port(String id) {
        Integer port = ports.get(id);
        if (port == null) {
            throw new IllegalArgumentException("no port registered for id '" + id + "'");
        }
        return port;
    }

    @Override
    public ServerSocketChannel boundChannel(String id) {
        throw new IllegalStateException("this test's endpoint binds its own sockets");
    }
}
