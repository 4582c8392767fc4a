package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.transport.THttpClient;
import org.apache.thrift.transport.TSSLTransportFactory;
import org.apache.thrift.transport.TTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.wso2.carbon.identity.entitlement.proxy.generatedCode.AuthenticationException;
import org.wso2.carbon.identity.entitlement.proxy.generatedCode.AuthenticatorService;
import org.wso2.carbon.identity.entitlement.proxy.generatedCode.EntitlementException;
import org.wso2.carbon.identity.entitlement.proxy.generatedCode.EntitlementThriftClient;

/**
 * A running instance driven exactly as WSO2's entitlement PEP proxy drives WSO2 Identity Server,
 * with a client generated from WSO2's interface (src/test/thrift/wso2-entitlement-proxy.thrift),
 * never from Berth's: a login with THttpClient and the compact protocol at
 * {@code https://host:9443+offset/thriftAuthenticator}, then decisions over a
 * TSSLTransportFactory socket with the binary protocol on {@code thrift-entitlement}. The same
 * decisions come through Berth's own generated client. The instance also stays answerable under
 * the slow, silent and guessing clients of the repro scripts 06, rt-03 and rt-05.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Wso2EntitlementClientTest {

    private static final String HOST = "127.0.0.1";
    private static final Pattern DECISION = Pattern.compile("<Decision>(\\w+)</Decision>");
    private static final String WSO2_ERROR = "Error occurred when invoking the Thrift based Entitlement Service.";
    private static final int SESSION_SECONDS = 4;
    private static final int MAX_CONNECTIONS = 16;
    private static final int MAX_FAILED_LOGINS = 5;
    private static final int LOCKOUT_SECONDS = 3;
    private static final char[] TRUST_PASSWORD = "client-truststore".toCharArray();

    private TestServer instance;
    private int thriftPort;
    private String adminPassword;
    private Path trustStore;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        instance = TestServer.start(TestHome.copyOfDistribution(dir, "wso2-pep").config("""
                [server]
                hostname = "%s"

                [monitoring.jmx]
                rmi_server_start = false

                [kdc]
                enable = false

                [entitlement.thrift]
                session_timeout_seconds = %d
                max_connections = %d
                handshake_timeout_seconds = 2
                max_failed_logins = %d
                login_lockout_seconds = %d
                """.formatted(HOST, SESSION_SECONDS, MAX_CONNECTIONS, MAX_FAILED_LOGINS, LOCKOUT_SECONDS)));
        thriftPort = instance.port("thrift-entitlement");
        adminPassword = Files.readString(instance.home().resolve("repository/security/entitlement-admin.password")).strip();
        // As a PEP's host does it: a trust store holding the server's certificate.
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("berth", instance.home().certificate());
        trustStore = dir.resolve("client-truststore.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, TRUST_PASSWORD);
        }
        HttpsURLConnection.setDefaultSSLSocketFactory(instance.home().tls().getSocketFactory());
    }

    @AfterAll
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    // ---- WSO2's PEP proxy: Authenticator and ThriftEntitlementServiceClient, step by step ----

    private String authenticatorUrl() throws IOException {
        return "https://" + HOST + ":" + instance.port("https") + "/thriftAuthenticator";
    }

    private String login(String user, String password) throws TException {
        try {
            THttpClient http = new THttpClient(authenticatorUrl());
            AuthenticatorService.Client auth = new AuthenticatorService.Client(new TCompactProtocol(http));
            http.open();
            try {
                return auth.authenticate(user, password);
            } finally {
                http.close();
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String login() throws TException {
        return login("admin", adminPassword);
    }

    private <T> T withPdp(PdpCall<T> call) throws Exception {
        TSSLTransportFactory.TSSLTransportParameters params = new TSSLTransportFactory.TSSLTransportParameters();
        params.setTrustStore(trustStore.toString(), new String(TRUST_PASSWORD));
        TTransport transport = TSSLTransportFactory.getClientSocket(HOST, thriftPort, 30_000, params);
        try {
            return call.on(new EntitlementThriftClient.Client(new TBinaryProtocol(transport)));
        } finally {
            transport.close();
        }
    }

    private interface PdpCall<T> {
        T on(EntitlementThriftClient.Client client) throws Exception;
    }

    private String decide(String session, String request) throws Exception {
        return withPdp(pdp -> pdp.getDecision(request, session));
    }

    private static String decisionOf(String response) {
        Matcher m = DECISION.matcher(response);
        assertTrue(m.find(), "no Decision in " + response);
        return m.group(1);
    }

    /** What XACMLRequetBuilder.buildXACML3Request writes (its misspelt xlmns leaves the document without a namespace). */
    static String pepRequest(String subject, String resource, String action) {
        return "<Request xlmns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" CombinedDecision=\"false\""
                + " ReturnPolicyIdList=\"false\">"
                + attributes("urn:oasis:names:tc:xacml:1.0:subject-category:access-subject",
                        "urn:oasis:names:tc:xacml:1.0:subject:subject-id", subject)
                + attributes("urn:oasis:names:tc:xacml:3.0:attribute-category:action",
                        "urn:oasis:names:tc:xacml:1.0:action:action-id", action)
                + attributes("urn:oasis:names:tc:xacml:3.0:attribute-category:resource",
                        "urn:oasis:names:tc:xacml:1.0:resource:resource-id", resource)
                + "</Request>";
    }

    private static String attributes(String category, String id, String value) {
        if (value == null) {
            return "";
        }
        return "<Attributes Category=\"" + category + "\"><Attribute AttributeId=\"" + id + "\" IncludeInResult=\"false\">"
                + "<AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">" + value
                + "</AttributeValue></Attribute></Attributes>";
    }

    /** A XACML 2.0 request, the form of WSO2's samples and of its servlet entitlement filter. */
    static String xacml2(String subject, String resource, String action) {
        return "<Request xmlns=\"urn:oasis:names:tc:xacml:2.0:context:schema:os\">"
                + "<Subject><Attribute AttributeId=\"urn:oasis:names:tc:xacml:1.0:subject:subject-id\""
                + " DataType=\"http://www.w3.org/2001/XMLSchema#string\"><AttributeValue>" + subject
                + "</AttributeValue></Attribute></Subject>"
                + "<Resource><Attribute AttributeId=\"urn:oasis:names:tc:xacml:1.0:resource:resource-id\""
                + " DataType=\"http://www.w3.org/2001/XMLSchema#string\"><AttributeValue>" + resource
                + "</AttributeValue></Attribute></Resource>"
                + "<Action><Attribute AttributeId=\"urn:oasis:names:tc:xacml:1.0:action:action-id\""
                + " DataType=\"http://www.w3.org/2001/XMLSchema#string\"><AttributeValue>" + action
                + "</AttributeValue></Attribute></Action><Environment/></Request>";
    }

    @Test
    void wso2sPepProxyGetsEveryKindOfAnswer() throws Exception {
        String session = login();
        assertEquals("Permit", decisionOf(decide(session, pepRequest("alice", "/orders/42", "read"))));
        assertEquals("Deny", decisionOf(decide(session, pepRequest("alice", "/orders/archive/2019", "read"))));
        assertEquals("NotApplicable", decisionOf(decide(session, pepRequest("alice", "/orders/42", "write"))));
        String indeterminate = decide(session, pepRequest("alice", "/orders/42", null));
        assertEquals("Indeterminate", decisionOf(indeterminate));
        assertTrue(indeterminate.contains("urn:oasis:names:tc:xacml:1.0:status:missing-attribute"), indeterminate);
        // XACML 2.0 in, 2.0 out, exactly as WSO2's PDP writes it.
        assertEquals("<Response><Result><Decision>Permit</Decision><Status><StatusCode"
                        + " Value=\"urn:oasis:names:tc:xacml:1.0:status:ok\"/></Status></Result></Response>",
                decide(session, xacml2("bob", "/orders/7/items", "write")));
        assertEquals("Deny", decisionOf(withPdp(pdp ->
                pdp.getDecisionByAttributes("bob", "/orders/archive/1", "read", List.of(), session))));
    }

    @Test
    void aBadSessionIsAnsweredAsWso2AnswersItAndALoginAgainRecovers() throws Exception {
        EntitlementException bad = assertThrows(EntitlementException.class,
                () -> decide("not-a-session", pepRequest("alice", "/orders/42", "read")));
        assertTrue(bad.getMessage().startsWith(WSO2_ERROR), bad.getMessage());

        String session = login();
        assertEquals("Permit", decisionOf(decide(session, pepRequest("alice", "/orders/42", "read"))));
        Thread.sleep(Duration.ofSeconds(SESSION_SECONDS + 2).toMillis()); // unused past session_timeout_seconds
        EntitlementException expired = assertThrows(EntitlementException.class,
                () -> decide(session, pepRequest("alice", "/orders/42", "read")));
        assertTrue(expired.getMessage().startsWith(WSO2_ERROR), expired.getMessage());
        // The PEP proxy logs in again on an EntitlementException and retries.
        assertEquals("Permit", decisionOf(decide(login(), pepRequest("alice", "/orders/42", "read"))));
    }

    @Test
    void berthsOwnGeneratedClientGetsTheSameDecisions() throws Exception {
        THttpClient http = new THttpClient(authenticatorUrl());
        String session = new io.berth.server.thrift.generated.AuthenticatorService.Client(new TCompactProtocol(http))
                .authenticate("admin", adminPassword);
        http.close();
        TTransport socket = new org.apache.thrift.transport.TSocket(
                instance.home().tls().getSocketFactory().createSocket(HOST, thriftPort));
        try {
            var pdp = new io.berth.server.thrift.generated.EntitlementService.Client(new TBinaryProtocol(socket));
            assertEquals("Permit", decisionOf(pdp.getDecision(pepRequest("alice", "/orders/42", "read"), session)));
            assertEquals("Deny", decisionOf(pdp.getDecision(pepRequest("alice", "/orders/archive/2019", "read"), session)));
            assertEquals("NotApplicable", decisionOf(pdp.getDecision(pepRequest("alice", "/orders/42", "write"), session)));
            assertEquals("Indeterminate", decisionOf(pdp.getDecision(pepRequest("alice", "/orders/42", null), session)));
            assertEquals("Permit", decisionOf(pdp.getDecision(xacml2("bob", "/orders/7/items", "write"), session)));
            assertThrows(io.berth.server.thrift.generated.EntitlementException.class,
                    () -> pdp.getDecision(pepRequest("alice", "/orders/42", "read"), "not-a-session"));
        } finally {
            socket.close();
        }
    }

    @Test
    void theAuthenticatorIsServedOverHttpsOnlyAndCarbonLinksLandOnTheConsole() throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(instance.home().tls()).build();
        HttpResponse<String> overHttp = plain.send(HttpRequest.newBuilder(
                        URI.create("http://" + HOST + ":" + instance.port("http") + "/thriftAuthenticator"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, overHttp.statusCode());
        for (String link : List.of("/carbon/admin/login.jsp", "/carbon/admin/index.jsp?loginStatus=true")) {
            HttpResponse<String> deep = plain.send(HttpRequest.newBuilder(instance.url(link)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, deep.statusCode(), link);
            assertTrue(deep.headers().firstValue("Location").orElse("").endsWith("/console"), deep.headers().toString());
        }
    }

    @Test
    void wrongPasswordsFromOneAddressAreThrottledWithoutBeingChecked() throws Exception {
        AuthenticationException wrong = assertThrows(AuthenticationException.class, () -> login("admin", "guess"));
        assertEquals("User 'admin' not authenticated.", wrong.getMessage());
        // rt-05's guesser: 8 clients at once, as fast as the server answers.
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        ExecutorService guessers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(guessers.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        login("admin", "guess-" + i);
                    } catch (AuthenticationException e) {
                        (e.getMessage().startsWith("Too many failed logins") ? throttled : checked).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        guessers.shutdown();
        // At most the allowed failures (plus those already under way when the lockout began) cost a password check.
        assertTrue(checked.get() <= MAX_FAILED_LOGINS + 8, "checked " + checked + ", throttled " + throttled);
        assertEquals(80, checked.get() + throttled.get());
        AuthenticationException locked = assertThrows(AuthenticationException.class, this::login);
        assertTrue(locked.getMessage().startsWith("Too many failed logins from " + HOST), locked.getMessage());
        Thread.sleep(Duration.ofSeconds(LOCKOUT_SECONDS + 1).toMillis());
        assertEquals("Permit", decisionOf(decide(login(), pepRequest("alice", "/orders/42", "read"))));
    }

    @Test
    void silentTricklingAndJunkConnectionsDoNotLockOutARealClient() throws Exception {
        String session = login();
        List<Socket> sockets = new ArrayList<>();
        ExecutorService trickle = Executors.newCachedThreadPool();
        try {
            for (int i = 0; i < 40; i++) {
                sockets.add(new Socket(HOST, thriftPort)); // 06: never a ClientHello
            }
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Socket s = new Socket(HOST, thriftPort); // rt-03: a TLS record header, a byte at a time
                s.setSoTimeout(60_000);
                slow.add(s);
                OutputStream out = s.getOutputStream();
                trickle.submit(() -> {
                    byte[] record = {0x16, 0x03, 0x01, 0x02, 0x00};
                    for (int k = 0; ; k++) {
                        out.write(record[k % record.length]);
                        out.flush();
                        Thread.sleep(500);
                    }
                });
            }
            for (int i = 0; i < 20; i++) {
                try (Socket junk = new Socket(HOST, thriftPort)) { // plain HTTP on the TLS port
                    junk.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                    junk.setSoTimeout(30_000);
                    junk.getInputStream().readAllBytes();
                } catch (SocketException e) {
                    // reset: refused as well
                }
            }
            assertEquals("Permit", decisionOf(decide(session, pepRequest("alice", "/orders/42", "read"))));
            for (Socket s : slow) {
                assertClosedByServer(s);
            }
            assertEquals("Permit", decisionOf(decide(session, pepRequest("alice", "/orders/1", "read"))));
            sockets.addAll(slow);
        } finally {
            trickle.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertTrue(instance.alive());
        // Hostile input leaves a few rate-limited WARN lines, never an ERROR or a stack trace.
        String log = Files.readString(instance.home().resolve("logs/berth.log"));
        assertFalse(log.contains("ERROR"), log);
        assertFalse(log.contains("\tat "), log);
        long thriftWarnings = log.lines().filter(l -> l.contains("thrift-entitlement:")).count();
        assertTrue(thriftWarnings <= 6, thriftWarnings + " lines:\n" + log);
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // a TLS alert may come first
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a trickling connection open for a minute", e);
        } catch (SocketException e) {
            // reset by the server
        }
    }
}
