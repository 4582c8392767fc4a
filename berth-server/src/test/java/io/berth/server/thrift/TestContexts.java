package io.berth.server.thrift;

import io.berth.server.endpoint.FreePorts;
import io.berth.server.endpoint.TestPreflight;
import io.berth.server.lifecycle.PreflightContext;
import io.berth.server.lifecycle.PortTakenException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A preflight of the "thrift-entitlement" port on a free port, on loopback, as the server would make. */
final class TestContexts {

    private TestContexts() {
    }

    static PreflightContext onFreePort(Path home) throws IOException, PortTakenException {
        return TestPreflight.of("127.0.0.1", Map.of(ThriftEntitlementEndpoint.PORT_ID, FreePorts.of(ThriftEntitlementEndpoint.PORT_ID)), home);
    }
}
