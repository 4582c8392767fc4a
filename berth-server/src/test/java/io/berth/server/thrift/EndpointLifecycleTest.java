package io.berth.server.thrift;

import io.berth.ports.Protocol;
import io.berth.server.endpoint.TestEndpointContext;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start/stop behaviour the server's endpoint manager relies on. */
class EndpointLifecycleTest {
    private static TestTls tls;
    @TempDir
    Path home;

    @BeforeAll
    static void generateKeyPair(@TempDir Path dir) throws Exception {
        tls = TestTls.generate(dir);
    }

    private ThriftEntitlementEndpoint endpoint() {
        return new ThriftEntitlementEndpoint(tls.server, ThriftEntitlementSettings.defaults());
    }

    private static String permitRequest() {
        return XacmlRequests.request("alice", "/orders/1", "read");
    }

    @Test
    void describesItsPort() {
        ThriftEntitlementEndpoint endpoint = endpoint();
        assertEquals("thrift-entitlement", endpoint.name());
        assertEquals(List.of("thrift-entitlement"), endpoint.portIds());
    }

    @Test
    void stopReleasesThePortEvenWithAClientConnected() throws Exception {
        TestEndpointContext context = TestEndpointContext.onFreePorts("127.0.0.1", home, ThriftEntitlementEndpoint.PORT_ID);
        ThriftEntitlementEndpoint endpoint = endpoint();
        endpoint.start(context);
        String password = Files.readString(home.resolve("repository/security/entitlement-admin.password")).trim();
        try (ThriftTestClient client = new ThriftTestClient(tls.client, context.port(ThriftEntitlementEndpoint.PORT_ID))) {
            String session = client.login("admin", password); // production PBKDF2 cost
            // No policy file was given: a commented template is written and nothing applies.
            assertTrue(client.entitlement.getDecision(permitRequest(), session).contains("NotApplicable"));
            assertTrue(Files.readString(home.resolve("conf/entitlement-policies.toml")).contains("[[rule]]"));

            long started = System.nanoTime();
            endpoint.stop(); // the connected client must not hold stop() for the 30 s client timeout
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000, "stop() was slow");
        }
        assertTrue(TestEndpointContext.isFree(context.port(ThriftEntitlementEndpoint.PORT_ID), Protocol.TCP), "port still bound after stop()");
        assertDoesNotThrow(endpoint::stop);
    }

    @Test
    void restartKeepsTheGeneratedAdminPassword() throws Exception {
        TestEndpointContext context = TestEndpointContext.onFreePorts("127.0.0.1", home, ThriftEntitlementEndpoint.PORT_ID);
        ThriftEntitlementEndpoint endpoint = endpoint();
        endpoint.start(context);
        endpoint.stop();
        Path passwordFile = home.resolve("repository/security/entitlement-admin.password");
        Path usersFile = home.resolve("repository/security/entitlement-users.properties");
        String password = Files.readString(passwordFile).trim();
        String users = Files.readString(usersFile);

        endpoint.start(context);
        try (ThriftTestClient client = new ThriftTestClient(tls.client, context.port(ThriftEntitlementEndpoint.PORT_ID))) {
            assertEquals(password, Files.readString(passwordFile).trim());
            assertEquals(users, Files.readString(usersFile));
            client.login("admin", password);
        } finally {
            endpoint.stop();
        }
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        TestEndpointContext context = TestEndpointContext.onFreePorts("127.0.0.1", home, ThriftEntitlementEndpoint.PORT_ID);
        ThriftEntitlementEndpoint endpoint = endpoint();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), context.port(ThriftEntitlementEndpoint.PORT_ID)));
            IOException e = assertThrows(IOException.class, () -> endpoint.start(context));
            assertTrue(e.getMessage().contains("127.0.0.1:" + context.port(ThriftEntitlementEndpoint.PORT_ID)), e.getMessage());
            assertDoesNotThrow(endpoint::stop);
        }
        endpoint.start(context); // a failed start leaves the endpoint startable
        endpoint.stop();
        assertTrue(TestEndpointContext.isFree(context.port(ThriftEntitlementEndpoint.PORT_ID), Protocol.TCP));
    }

    @Test
    void badPolicyFileFailsStartWithoutOpeningThePort() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/entitlement-policies.toml"), """
                [[rule]]
                subject = "alice"
                resource = "/orders/*"
                action = "read"
                effect = "Allow"
                """);
        TestEndpointContext context = TestEndpointContext.onFreePorts("127.0.0.1", home, ThriftEntitlementEndpoint.PORT_ID);
        ThriftEntitlementEndpoint endpoint = endpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> endpoint.start(context));
        assertTrue(e.getMessage().contains("entitlement-policies.toml: rule #1"), e.getMessage());
        assertTrue(e.getMessage().contains("\"Allow\""), e.getMessage());
        assertTrue(TestEndpointContext.isFree(context.port(ThriftEntitlementEndpoint.PORT_ID), Protocol.TCP));
        assertTrue(Files.notExists(home.resolve("repository/security/entitlement-admin.password")),
                "a failed start should not have generated credentials");
        assertDoesNotThrow(endpoint::stop);
    }
}
