package io.berth.server.thrift;

import static io.berth.server.thrift.XacmlRequests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.thrift.generated.AuthenticationException;
import io.berth.server.thrift.generated.EntitlementException;
import io.berth.server.thrift.generated.EntitlementService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMultiplexedProtocol;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the running service as WSO2's PEP proxy does: a login over HTTPS at /thriftAuthenticator
 * (compact protocol), then decisions on the Thrift port (TLS, binary, not multiplexed).
 */
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
    static final int MAX_FAILED_LOGINS = 3;
    static final Duration LOCKOUT = Duration.ofMinutes(1);
    private static final Pattern DECISION = Pattern.compile("<Decision>(\\w+)</Decision>");
    private static final String OK = "<Status><StatusCode Value=\"urn:oasis:names:tc:xacml:1.0:status:ok\"/></Status>";

    private final MutableClock clock = new MutableClock();
    private EntitlementFixture service;
    private ThriftTestClient client;

    @BeforeAll
    void startServer(@TempDir Path dir) throws Exception {
        ThriftEntitlementSettings settings = ThriftEntitlementSettings.defaults()
                .withSessionIdleTimeout(IDLE)
                .withLoginLimits(MAX_FAILED_LOGINS, LOCKOUT, 2)
                .withPasswordIterations(20_000); // keeps the suite fast; production uses the default
        service = EntitlementFixture.start(dir, POLICIES, settings, clock);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        client = service.client();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private String decide(String session, String subject, String resource, String action) throws TException {
        return decisionOf(client.entitlement.getDecision(request(subject, resource, action), session));
    }

    private static String decisionOf(String response) {
        Matcher m = DECISION.matcher(response);
        assertTrue(m.find(), "no Decision in " + response);
        return m.group(1);
    }

    private static List<String> decisionsOf(String response) {
        List<String> decisions = new ArrayList<>();
        Matcher m = DECISION.matcher(response);
        while (m.find()) {
            decisions.add(m.group(1));
        }
        return decisions;
    }

    /** The server must keep answering properly on the same connection after a refused call. */
    private void assertStillServes(String session) throws TException {
        assertEquals("Permit", decide(session, "alice", "/orders/42", "read"));
    }

    @Test
    void firstStartStoresOnlyAHashAndAnOwnerOnlyPasswordFile() throws Exception {
        Path security = service.context.home().resolve("repository/security");
        Path users = security.resolve("entitlement-users.properties");
        Path password = security.resolve("entitlement-admin.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        String usersText = Files.readString(users);
        assertTrue(usersText.contains("admin=pbkdf2-sha256:20000:"), usersText);
        assertFalse(usersText.contains(service.adminPassword), "users file must not hold the clear password");
        assertTrue(service.adminPassword.length() >= 20, "generated password is too short");
    }

    @Test
    void decisionsFollowFirstApplicableRule() throws Exception {
        String s = service.login();
        assertEquals("Permit", decide(s, "alice", "/orders/42", "read"));
        assertEquals("Permit", decide(s, "alice", "/orders/42/items", "read"));
        assertEquals("Deny", decide(s, "alice", "/orders/secret/plan", "read"));
        assertEquals("NotApplicable", decide(s, "alice", "/orders/42", "write"));
        assertEquals("Permit", decide(s, "bob", "/public/readme", "read"));
        assertEquals("Deny", decide(s, "mallory", "/orders/1", "write"));
        assertEquals("NotApplicable", decide(s, "bob", "/public/a/b", "read"));
    }

    @Test
    void responsesAreWrittenAsWso2sPdpWritesThem() throws Exception {
        String s = service.login();
        assertEquals("<Response xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\"><Result>"
                        + "<Decision>Permit</Decision>" + OK + "</Result></Response>",
                client.entitlement.getDecision(request("alice", "/orders/1", "read"), s));
        // XACML 2.0 in, XACML 2.0 out: no namespace on the Response, as Balana writes it.
        assertEquals("<Response><Result><Decision>Deny</Decision>" + OK + "</Result></Response>",
                client.entitlement.getDecision(XacmlRequests.xacml2("alice", "read", "/orders/secret/x"), s));
    }

    @Test
    void thePepProxysRequestWithoutANamespaceIsReadAsXacml3() throws Exception {
        String s = service.login();
        String response = client.entitlement.getDecision(XacmlRequests.pepProxyRequest("alice", "/orders/1", "read"), s);
        assertTrue(response.startsWith("<Response xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\">"), response);
        assertEquals("Permit", decisionOf(response));
    }

    @Test
    void xacml2RequestWithSeveralResourcesHasAResultForEach() throws Exception {
        String response = client.entitlement.getDecision(
                XacmlRequests.xacml2("alice", "read", "/orders/1", "/orders/secret/2", "/elsewhere"), service.login());
        assertEquals("<Response>"
                + "<Result ResourceId=\"/orders/1\"><Decision>Permit</Decision>" + OK + "</Result>"
                + "<Result ResourceId=\"/orders/secret/2\"><Decision>Deny</Decision>" + OK + "</Result>"
                + "<Result ResourceId=\"/elsewhere\"><Decision>NotApplicable</Decision>" + OK + "</Result>"
                + "</Response>", response);
    }

    @Test
    void repeatedCategoriesAreAMultipleDecisionRequest() throws Exception {
        String resource1 = "<Attributes Category=\"urn:oasis:names:tc:xacml:3.0:attribute-category:resource\">"
                + "<Attribute AttributeId=\"urn:oasis:names:tc:xacml:1.0:resource:resource-id\" IncludeInResult=\"true\">"
                + "<AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">/orders/1</AttributeValue>"
                + "</Attribute></Attributes>";
        String twoResources = request("alice", "/public/readme", "read")
                .replace("</Request>", resource1 + "</Request>");
        String response = client.entitlement.getDecision(twoResources, service.login());
        assertEquals(List.of("Permit", "Permit"), decisionsOf(response));
        // The result for /orders/1 carries back the attribute marked IncludeInResult.
        assertTrue(response.contains("<Attributes Category=\"urn:oasis:names:tc:xacml:3.0:attribute-category:resource\">"
                + "<Attribute AttributeId=\"urn:oasis:names:tc:xacml:1.0:resource:resource-id\" IncludeInResult=\"true\">"
                + "<AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">/orders/1</AttributeValue>"
                + "</Attribute></Attributes></Result>"), response);
    }

    @Test
    void getDecisionByAttributesDecidesOnPlainValues() throws Exception {
        String s = service.login();
        String response = client.entitlement.getDecisionByAttributes("alice", "/orders/9", "read", List.of(), s);
        assertEquals("<Response xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\"><Result>"
                + "<Decision>Permit</Decision>" + OK + "</Result></Response>", response);
        assertEquals("Deny", decisionOf(client.entitlement.getDecisionByAttributes("mallory", "/x", "write",
                List.of("urn:example:env"), s)));
        assertEquals("Indeterminate", decisionOf(client.entitlement.getDecisionByAttributes("alice", "", "read",
                List.of(), s)));
    }

    @Test
    void missingAttributeIsIndeterminateWithStatus() throws Exception {
        String s = service.login();
        String response = client.entitlement.getDecision(request("alice", "/orders/1", null), s);
        assertEquals("Indeterminate", decisionOf(response));
        assertTrue(response.contains("urn:oasis:names:tc:xacml:1.0:status:missing-attribute"), response);
        assertTrue(response.contains("urn:oasis:names:tc:xacml:1.0:action:action-id"), response);
        assertStillServes(s);
    }

    @Test
    void wrongPasswordAndUnknownUserGetWso2sAnswerAlike() throws Exception {
        AuthenticationException wrong = assertThrows(AuthenticationException.class,
                () -> service.login("admin", "wrong"));
        assertEquals("User 'admin' not authenticated.", wrong.getMessage());
        AuthenticationException unknown = assertThrows(AuthenticationException.class,
                () -> service.login("nobody", service.adminPassword));
        assertEquals("User 'nobody' not authenticated.", unknown.getMessage());
        assertThrows(AuthenticationException.class, () -> service.login("", ""));
        clock.advance(LOCKOUT.multipliedBy(20)); // forget these failures for the other tests
        assertStillServes(service.login());
    }

    @Test
    void repeatedFailuresLockTheAddressOutWithoutCheckingPasswords() throws Exception {
        clock.advance(LOCKOUT.multipliedBy(20));
        for (int i = 0; i < MAX_FAILED_LOGINS; i++) {
            assertThrows(AuthenticationException.class, () -> service.login("admin", "guess"));
        }
        // Locked out: even the right password is refused, and the answer says why and for how long.
        AuthenticationException locked = assertThrows(AuthenticationException.class, () -> service.login());
        assertTrue(locked.getMessage().startsWith("Too many failed logins from 127.0.0.1; retry in "),
                locked.getMessage());
        clock.advance(LOCKOUT.plusSeconds(1));
        assertStillServes(service.login()); // and a success clears the address
        assertThrows(AuthenticationException.class, () -> service.login("admin", "guess"));
        assertStillServes(service.login());
    }

    @Test
    void unknownSessionIsAnsweredAsWso2AnswersIt() throws Exception {
        EntitlementException e = assertThrows(EntitlementException.class,
                () -> client.entitlement.getDecision(request("alice", "/orders/1", "read"), "not-a-session"));
        assertTrue(e.getMessage().startsWith("Error occurred when invoking the Thrift based Entitlement Service."),
                e.getMessage());
        assertThrows(EntitlementException.class,
                () -> client.entitlement.getDecisionByAttributes("alice", "/orders/1", "read", List.of(), "nope"));
        assertStillServes(service.login());
    }

    @Test
    void sessionExpiresAfterIdleTime() throws Exception {
        String s = service.login();
        clock.advance(IDLE.minusSeconds(1));
        assertStillServes(s); // use refreshes the idle timer
        clock.advance(IDLE.minusSeconds(1));
        assertStillServes(s);
        clock.advance(IDLE.plusSeconds(1));
        EntitlementException expired = assertThrows(EntitlementException.class, () -> assertStillServes(s));
        assertEquals(EntitlementHandler.NOT_AUTHENTICATED, expired.getMessage());
        assertStillServes(service.login());
    }

    @Test
    void externalEntityIsIndeterminateSyntaxError() throws Exception {
        String s = service.login();
        String response = client.entitlement.getDecision(XacmlRequests.XXE, s);
        assertEquals("Indeterminate", decisionOf(response));
        assertTrue(response.contains("urn:oasis:names:tc:xacml:1.0:status:syntax-error"), response);
        assertTrue(response.contains("DOCTYPE"), response);
        assertFalse(response.contains("root:"), response);
        assertStillServes(s);
    }

    @Test
    void billionLaughsIsIndeterminateSyntaxError() throws Exception {
        String s = service.login();
        String response = client.entitlement.getDecision(XacmlRequests.BILLION_LAUGHS, s);
        assertEquals("Indeterminate", decisionOf(response));
        assertTrue(response.contains("DOCTYPE"), response);
        assertStillServes(s);
    }

    @Test
    void xincludeIsNotProcessed() throws Exception {
        String s = service.login();
        String response = client.entitlement.getDecision(XacmlRequests.XINCLUDE, s);
        assertEquals("Indeterminate", decisionOf(response));
        assertFalse(response.contains("root:"), response);
        assertStillServes(s);
    }

    @Test
    void malformedAndForeignDocumentsAreIndeterminate() throws Exception {
        String s = service.login();
        for (String junk : List.of("<Request><unclosed>", "not xml at all", "", "<Request xmlns=\"urn:other\"/>")) {
            String response = client.entitlement.getDecision(junk, s);
            assertEquals("Indeterminate", decisionOf(response), junk);
            assertTrue(response.contains("urn:oasis:names:tc:xacml:1.0:status:syntax-error"), response);
        }
        assertTrue(client.entitlement.getDecision("<Request xmlns=\"urn:other\"/>", s).contains("{urn:other}Request"));
        assertStillServes(s);
    }

    @Test
    void requestOverSizeLimitGetsAnAnswer() throws Exception {
        String s = service.login();
        String padding = "<!--" + "x".repeat(100 * 1024) + "-->";
        String huge = request("alice", "/orders/1", "read").replace("</Request>", padding + "</Request>");
        String response = client.entitlement.getDecision(huge, s);
        assertEquals("Indeterminate", decisionOf(response));
        assertTrue(response.contains("larger than the limit of 65536 bytes"), response);
        assertStillServes(s);
    }

    @Test
    void messageOverThriftLimitDropsOnlyThatConnection() throws Exception {
        String s = service.login();
        String enormous = "x".repeat(2 * 1024 * 1024);
        TException e = assertThrows(TException.class, () -> client.entitlement.getDecision(enormous, s));
        assertFalse(e instanceof EntitlementException, "expected the connection to be dropped, got " + e);
        try (ThriftTestClient other = service.client()) {
            assertEquals("Permit", decisionOf(other.entitlement.getDecision(request("alice", "/orders/1", "read"), s)));
        }
    }

    @Test
    void onlyThePlainProtocolIsServed() throws Exception {
        // One protocol per port: a multiplexed call names a method the port does not have.
        String s = service.login();
        TSocket transport = new TSocket(service.tls.client.getSocketFactory().createSocket("127.0.0.1",
                service.thriftPort()));
        try {
            EntitlementService.Client multiplexed = new EntitlementService.Client(
                    new TMultiplexedProtocol(new TBinaryProtocol(transport), "EntitlementService"));
            TApplicationException e = assertThrows(TApplicationException.class,
                    () -> multiplexed.getDecision(request("alice", "/orders/1", "read"), s));
            assertEquals(TApplicationException.UNKNOWN_METHOD, e.getType());
            // The connection still serves the plain protocol.
            EntitlementService.Client plain = new EntitlementService.Client(new TBinaryProtocol(transport));
            assertEquals("Permit", decisionOf(plain.getDecision(request("alice", "/orders/1", "read"), s)));
        } finally {
            transport.close();
        }
    }
}
