package io.berth.server.thrift;

import io.berth.ports.Protocol;
import io.berth.server.endpoint.FreePorts;
import io.berth.server.endpoint.TestPreflight;
import io.berth.server.lifecycle.PreflightContext;
import io.berth.server.lifecycle.PortTakenException;

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

    private final io.berth.server.thrift.auth.EntitlementLogin login =
            ThriftEntitlementEndpoint.login(ThriftEntitlementSettings.defaults());

    private ThriftEntitlementEndpoint endpoint() {
        return new ThriftEntitlementEndpoint(() -> tls.server, ThriftEntitlementSettings.defaults(), login);
    }

    /** What /thriftAuthenticator does for a client, here in process: this test is about the Thrift port. */
    private String login(String password) throws Exception {
        return login.authenticate("admin", password, InetAddress.getLoopbackAddress());
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
        PreflightContext context = TestContexts.onFreePort(home);
        ThriftEntitlementEndpoint endpoint = endpoint();
        endpoint.start(context);
        String password = Files.readString(home.resolve("repository/security/entitlement-admin.password")).trim();
        try (ThriftTestClient client = new ThriftTestClient(tls.client, context.port(ThriftEntitlementEndpoint.PORT_ID))) {
            String session = login(password); // production PBKDF2 cost
            // No policy file was given: a commented template is written and nothing applies.
            assertTrue(client.entitlement.getDecision(permitRequest(), session).contains("NotApplicable"));
            assertTrue(Files.readString(home.resolve("conf/entitlement-policies.toml")).contains("[[rule]]"));

            long started = System.nanoTime();
            endpoint.stop(); // the connected client must not hold stop() for the 30 s client timeout
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000, "stop() was slow");
        }
        assertTrue(FreePorts.isFree(context.port(ThriftEntitlementEndpoint.PORT_ID), Protocol.TCP), "port still bound after stop()");
        assertDoesNotThrow(endpoint::stop);
    }

    @Test
    void restartKeepsTheGeneratedAdminPassword() throws Exception {
        PreflightContext context = TestContexts.onFreePort(home);
        ThriftEntitlementEndpoint endpoint = endpoint();
        endpoint.start(context);
        endpoint.stop();
        Path passwordFile = home.resolve("repository/security/entitlement-admin.password");
        Path usersFile = home.resolve("repository/security/entitlement-users.properties");
        String password = Files.readString(passwordFile).trim();
        String users = Files.readString(usersFile);

        context = TestPreflight.of("127.0.0.1", java.util.Map.of(ThriftEntitlementEndpoint.PORT_ID,
                context.port(ThriftEntitlementEndpoint.PORT_ID)), home);
        endpoint.start(context);
        try (ThriftTestClient client = new ThriftTestClient(tls.client, context.port(ThriftEntitlementEndpoint.PORT_ID))) {
            assertEquals(password, Files.readString(passwordFile).trim());
            assertEquals(users, Files.readString(usersFile));
            assertTrue(client.entitlement.getDecision(permitRequest(), login(password)).contains("NotApplicable"));
        } finally {
            endpoint.stop();
        }
    }

    @Test
    void aTakenPortStopsThePreflightNamingIt() throws Exception {
        int port = FreePorts.of(ThriftEntitlementEndpoint.PORT_ID);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            PortTakenException e = assertThrows(PortTakenException.class, () -> TestPreflight.of("127.0.0.1",
                    java.util.Map.of(ThriftEntitlementEndpoint.PORT_ID, port), home));
            assertTrue(e.getMessage().contains(port + "/tcp (thrift-entitlement) on 127.0.0.1"), e.getMessage());
        }
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
        PreflightContext context = TestContexts.onFreePort(home);
        ThriftEntitlementEndpoint endpoint = endpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> endpoint.start(context));
        assertTrue(e.getMessage().contains("entitlement-policies.toml: rule #1"), e.getMessage());
        assertTrue(e.getMessage().contains("\"Allow\""), e.getMessage());
        // The endpoint never took the preflight's socket: it is still there to hand over.
        var untouched = context.boundChannels(ThriftEntitlementEndpoint.PORT_ID);
        assertEquals(1, untouched.size());
        untouched.get(0).close();
        assertTrue(FreePorts.isFree(context.port(ThriftEntitlementEndpoint.PORT_ID), Protocol.TCP));
        assertTrue(Files.notExists(home.resolve("repository/security/entitlement-admin.password")),
                "a failed start should not have generated credentials");
        assertDoesNotThrow(endpoint::stop);
    }
}
