package io.berth.server.thrift;

import io.berth.server.endpoint.TestEndpointContext;
import static io.berth.server.thrift.XacmlRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.thrift.generated.EntitlementException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Drives the running endpoint through a real Thrift client over TLS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThriftEntitlementEndpointTest {
    static final String POLICIES = """
            # deny before permit: first applicable wins
            [[rule]]
            subject  = "alice"
            resource = "/orders/secret/*"
            action   = "*"
            effect   = "Deny"

            [[rule]]
            subject  = "alice"
            resource = "/orders/**"
            action   = "read"
            effect   = "Permit"

            [[rule]]
            subject  = "*"
            resource = "/public/*"
            action   = "read"
            effect   = "Permit"

            [[rule]]
            subject  = "mallory"
            resource = "*"
            action   = "*"
            effect   = "Deny"
            """;
    static final Duration IDLE = Duration.ofMinutes(5);
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern DECISION = Pattern.compile("<Decision>(\\w+)</Decision>");

    private final MutableClock clock = new MutableClock();
    private TestTls tls;
    private TestEndpointContext context;
    private ThriftEntitlementEndpoint endpoint;
    private String adminPassword;
    private ThriftTestClient client;

    @BeforeAll
    void startServer(@TempDir Path dir) throws Exception {
        tls = TestTls.generate(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/entitlement-policies.toml"), POLICIES);
        context = TestEndpointContext.onFreePorts("127.0.0.1", home, ThriftEntitlementEndpoint.PORT_ID);
        ThriftEntitlementSettings settings = ThriftEntitlementSettings.defaults()
                .withSessionIdleTimeout(IDLE)
                .withClientTimeout(CLIENT_TIMEOUT)
                .withPasswordIterations(20_000); // keeps the suite fast; production uses the default
        endpoint = new ThriftEntitlementEndpoint(tls.server, settings, clock);
        endpoint.start(context);
        adminPassword = Files.readString(home.resolve("repository/security/entitlement-admin.password")).trim();
    }

    @AfterAll
    void stopServer() {
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        client = new ThriftTestClient(tls.client, context.port(ThriftEntitlementEndpoint.PORT_ID));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private String session() throws TException {
        return client.login("admin", adminPassword);
    }

    private String decide(String session, String subject, String resource, String action) throws TException {
        return decisionOf(client.entitlement.getDecision(request(subject, resource, action), session));
    }

    private static String decisionOf(String response) {
        Matcher m = DECISION.matcher(response);
        assertTrue(m.find(), "no Decision in " + response);
        return m.group(1);
    }

    /** The server must keep answering properly on the same connection after a rejected call. */
    private void assertStillServes(String session) throws TException {
        assertEquals("Permit", decide(session, "alice", "/orders/42", "read"));
    }

    @Test
    void firstStartStoresOnlyAHashAndAnOwnerOnlyPasswordFile() throws Exception {
        Path security = context.home().resolve("repository/security");
        Path users = security.resolve("entitlement-users.properties");
        Path password = security.resolve("entitlement-admin.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        String usersText = Files.readString(users);
        assertTrue(usersText.contains("admin=pbkdf2-sha256:20000:"), usersText);
        assertFalse(usersText.contains(adminPassword), "users file must not hold the clear password");
        assertTrue(adminPassword.length() >= 20, "generated password is too short: " + adminPassword.length());
    }

    @Test
    void decisionsFollowFirstApplicableRule() throws Exception {
        String s = session();
        assertEquals("Permit", decide(s, "alice", "/orders/42", "read"));
        assertEquals("Permit", decide(s, "alice", "/orders/42/items", "read"));
        assertEquals("Deny", decide(s, "alice", "/orders/secret/plan", "read"));
        assertEquals("NotApplicable", decide(s, "alice", "/orders/42", "write"));
        assertEquals("Permit", decide(s, "bob", "/public/readme", "read"));
        assertEquals("Permit", decide(s, "mallory", "/public/readme", "read"));
        assertEquals("Deny", decide(s, "mallory", "/orders/1", "write"));
        assertEquals("NotApplicable", decide(s, "bob", "/public/a/b", "read"));
    }

    @Test
    void permitResponseIsXacml3WithOkStatus() throws Exception {
        String response = client.entitlement.getDecision(request("alice", "/orders/1", "read"), session());
        assertTrue(response.startsWith("<Response xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\">"), response);
        assertTrue(response.contains("urn:oasis:names:tc:xacml:1.0:status:ok"), response);
    }

    @Test
    void missingAttributeIsIndeterminateWithStatus() throws Exception {
        String s = session();
        String response = client.entitlement.getDecision(request("alice", "/orders/1", null), s);
        assertEquals("Indeterminate", decisionOf(response));
        assertTrue(response.contains("urn:oasis:names:tc:xacml:1.0:status:missing-attribute"), response);
        assertTrue(response.contains("urn:oasis:names:tc:xacml:1.0:action:action-id"), response);
        assertStillServes(s);
    }

    @Test
    void wrongPasswordAndUnknownUserAreRejected() throws Exception {
        EntitlementException e = assertThrows(EntitlementException.class, () -> client.login("admin", "wrong"));
        assertTrue(e.getMessage().contains("Authentication failed for user 'admin'"), e.getMessage());
        assertThrows(EntitlementException.class, () -> client.login("nobody", adminPassword));
        assertThrows(EntitlementException.class, () -> client.login("", ""));
        assertStillServes(session());
    }

    @Test
    void unknownSessionIsRejected() throws Exception {
        EntitlementException e = assertThrows(EntitlementException.class,
                () -> client.entitlement.getDecision(request("alice", "/orders/1", "read"), "not-a-session"));
        assertTrue(e.getMessage().contains("Unknown or expired session"), e.getMessage());
        assertStillServes(session());
    }

    @Test
    void sessionExpiresAfterIdleTime() throws Exception {
        String s = session();
        clock.advance(IDLE.minusSeconds(1));
        assertStillServes(s); // use refreshes the idle timer
        clock.advance(IDLE.minusSeconds(1));
        assertStillServes(s);
        clock.advance(IDLE.plusSeconds(1));
        assertThrows(EntitlementException.class, () -> assertStillServes(s));
        assertStillServes(session());
    }

    @Test
    void externalEntityIsRejected() throws Exception {
        String s = session();
        EntitlementException e = assertThrows(EntitlementException.class,
                () -> client.entitlement.getDecision(XacmlRequests.XXE, s));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
        assertStillServes(s);
    }

    @Test
    void billionLaughsIsRejected() throws Exception {
        String s = session();
        EntitlementException e = assertThrows(EntitlementException.class,
                () -> client.entitlement.getDecision(XacmlRequests.BILLION_LAUGHS, s));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertStillServes(s);
    }

    @Test
    void xincludeIsNotProcessed() throws Exception {
        String s = session();
        String response = client.entitlement.getDecision(XacmlRequests.XINCLUDE, s);
        assertEquals("Indeterminate", decisionOf(response));
        assertFalse(response.contains("root:"), response);
        assertStillServes(s);
    }

    @Test
    void malformedAndForeignDocumentsAreRejected() throws Exception {
        String s = session();
        assertThrows(EntitlementException.class, () -> client.entitlement.getDecision("<Request><unclosed>", s));
        assertThrows(EntitlementException.class, () -> client.entitlement.getDecision("not xml at all", s));
        assertThrows(EntitlementException.class, () -> client.entitlement.getDecision("", s));
        EntitlementException e = assertThrows(EntitlementException.class,
                () -> client.entitlement.getDecision("<Request xmlns=\"urn:other\"/>", s));
        assertTrue(e.getMessage().contains("{urn:other}Request"), e.getMessage());
        assertStillServes(s);
    }

    @Test
    void requestOverSizeLimitGetsAnAnswer() throws Exception {
        String s = session();
        String padding = "<!--" + "x".repeat(100 * 1024) + "-->";
        String huge = request("alice", "/orders/1", "read").replace("</Request>", padding + "</Request>");
        EntitlementException e = assertThrows(EntitlementException.class,
                () -> client.entitlement.getDecision(huge, s));
        assertTrue(e.getMessage().contains("larger than the limit of 65536 bytes"), e.getMessage());
        assertStillServes(s);
    }

    @Test
    void messageOverThriftLimitDropsOnlyThatConnection() throws Exception {
        String s = session();
        String enormous = "x".repeat(2 * 1024 * 1024);
        TException e = assertThrows(TException.class, () -> client.entitlement.getDecision(enormous, s));
        assertFalse(e instanceof EntitlementException, "expected the connection to be dropped, got " + e);
        try (ThriftTestClient other = new ThriftTestClient(tls.client, context.port(ThriftEntitlementEndpoint.PORT_ID))) {
            assertEquals("Permit", decisionOf(other.entitlement.getDecision(request("alice", "/orders/1", "read"), s)));
        }
    }

    @Test
    void silentClientIsDisconnectedAfterClientTimeout() throws Exception {
        try (Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", context.port(ThriftEntitlementEndpoint.PORT_ID)));
            silent.setSoTimeout((int) CLIENT_TIMEOUT.multipliedBy(5).toMillis());
            long start = System.nanoTime();
            InputStream in = silent.getInputStream();
            try {
                // Never sends a TLS ClientHello; the server must give up on it. It may send a
                // TLS alert record before closing, so read to end of stream.
                in.readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("server kept a silent client for " + CLIENT_TIMEOUT.multipliedBy(5), e);
            } catch (java.net.SocketException e) {
                // reset by the server: also a disconnect
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(CLIENT_TIMEOUT.multipliedBy(4)) < 0);
        }
        // The per-test client idled just as long and was cut off too: that is the point.
        client.close();
        client = new ThriftTestClient(tls.client, context.port(ThriftEntitlementEndpoint.PORT_ID));
        assertStillServes(session());
    }
}
