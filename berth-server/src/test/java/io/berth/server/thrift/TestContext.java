package io.berth.server.thrift;

import io.berth.server.endpoint.EndpointContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/** Stands in for the server's port registry: one probed port for "thrift-entitlement". */
record TestContext(String bindHost, Map<String, Integer> ports, Path home) implements EndpointContext {

    static TestContext onFreePort(Path home) throws IOException {
        return new TestContext("127.0.0.1", Map.of(ThriftEntitlementEndpoint.PORT_ID, freePort()), home);
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
    public java.nio.channels.ServerSocketChannel boundChannel(String id) {
        throw new IllegalStateException("the Thrift endpoint binds its own socket");
    }

    int thriftPort() {
        return port(ThriftEntitlementEndpoint.PORT_ID);
    }

    /** First port in 10700..10799 that can be bound on loopback right now. */
    static int freePort() throws IOException {
        for (int port = 10700; port <= 10799; port++) {
            if (isFree(port)) {
                return port;
            }
        }
        throw new IOException("no free port in 10700..10799");
    }

    static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
