package io.berth.server.thrift;

import io.berth.server.endpoint.PreflightContext;
import io.berth.server.lifecycle.PortTakenException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/** A preflight of the "thrift-entitlement" port on a free loopback port, as the server would make. */
final class TestContexts {

    private TestContexts() {
    }

    static PreflightContext onFreePort(Path home) throws IOException, PortTakenException {
        return PreflightContext.of("127.0.0.1", Map.of(ThriftEntitlementEndpoint.PORT_ID, freePort()), home);
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
