package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.Feature;
import io.berth.server.thrift.ThriftEntitlementEndpoint;
import io.berth.server.thrift.generated.AuthenticatorService;
import io.berth.server.thrift.generated.EntitlementException;
import io.berth.server.thrift.generated.EntitlementService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMultiplexedProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Thrift client over TLS against the thrift-entitlement port of a running instance at an
 * offset: it logs in with the generated admin password and gets decisions from the shipped policy file.
 */
class ThriftEntitlementClientTest {

    private static final String HOST = "127.0.0.1";
    private static final Pattern DECISION = Pattern.compile("<Decision>(\\w+)</Decision>");

    @Test
    void adminGetsPermitAndDenyFromTheShippedPolicies(@TempDir Path dir) throws Exception {
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.THRIFT_ENTITLEMENT);
        String config = """
                [server]
                hostname = "%s"

                [monitoring.jmx]
                rmi_server_start = false

                [kdc]
                enable = false
                """.formatted(HOST);
        try (TestServer instance = TestServer.start(TestHome.copyOfDistribution(dir, "thrift").config(config))) {
            int offset = instance.offset();
            int thriftPort = Clusters.expected(offset, features).effective("thrift-entitlement");
            assertEquals(thriftPort, instance.port("thrift-entitlement"));
            String adminPassword = Files.readString(
                    instance.home().resolve("repository/security/entitlement-admin.password")).strip();
            SSLContext tls = instance.home().tls();

            try (Client client = new Client(tls, thriftPort)) {
                EntitlementException refused = assertThrows(EntitlementException.class,
                        () -> client.auth.authenticate("admin", adminPassword + "-wrong"));
                assertTrue(refused.getMessage().contains("Authentication failed"), refused.getMessage());

                // The same connection keeps serving after the refusal.
                String session = client.auth.authenticate("admin", adminPassword);
                assertEquals("Permit", client.decide(session, "alice", "/orders/42", "read"));
                assertEquals("Deny", client.decide(session, "alice", "/orders/archive/2019", "read"));
                assertEquals("Deny", client.decide(session, "bob", "/orders/archive/2019/q1", "write"));
                assertEquals("Permit", client.decide(session, "bob", "/orders/7/items", "write"));
                assertEquals("Permit", client.decide(session, "carol", "/public/readme", "read"));
                assertEquals("NotApplicable", client.decide(session, "alice", "/orders/42", "write"));
            }
            // And so does the server, for a new connection.
            try (Client client = new Client(tls, thriftPort)) {
                String session = client.auth.authenticate("admin", adminPassword);
                assertEquals("Permit", client.decide(session, "alice", "/orders/1", "read"));
                EntitlementException unknown = assertThrows(EntitlementException.class,
                        () -> client.entitlement.getDecision(request("alice", "/orders/1", "read"), "no-such-session"));
                assertFalse(unknown.getMessage().isBlank());
            }
            assertTrue(instance.alive());
            assertTrue(instance.get("/api/health").contains("\"running\""));
        }
    }

    /** Thrift over TLS, checking the server's certificate and host name as a WSO2 client would. */
    private static final class Client implements AutoCloseable {
        private final TSocket transport;
        final AuthenticatorService.Client auth;
        final EntitlementService.Client entitlement;

        Client(SSLContext tls, int port) throws Exception {
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(HOST, port);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            transport = new TSocket(socket);
            TProtocol protocol = new TBinaryProtocol(transport);
            auth = new AuthenticatorService.Client(
                    new TMultiplexedProtocol(protocol, ThriftEntitlementEndpoint.AUTHENTICATOR_SERVICE));
            entitlement = new EntitlementService.Client(
                    new TMultiplexedProtocol(protocol, ThriftEntitlementEndpoint.ENTITLEMENT_SERVICE));
        }

        String decide(String session, String subject, String resource, String action) throws TException {
            String response = entitlement.getDecision(request(subject, resource, action), session);
            Matcher decision = DECISION.matcher(response);
            assertTrue(decision.find(), "no Decision in " + response);
            return decision.group(1);
        }

        @Override
        public void close() {
            transport.close();
        }
    }

    /** A XACML 3.0 request with subject-id, resource-id and action-id. */
    static String request(String subject, String resource, String action) {
        return "<Request xmlns=\"urn:oasis:names:tc:xacml:3.0:core:schema:wd-17\" CombinedDecision=\"false\""
                + " ReturnPolicyIdList=\"false\">"
                + attribute("urn:oasis:names:tc:xacml:1.0:subject-category:access-subject",
                        "urn:oasis:names:tc:xacml:1.0:subject:subject-id", subject)
                + attribute("urn:oasis:names:tc:xacml:3.0:attribute-category:resource",
                        "urn:oasis:names:tc:xacml:1.0:resource:resource-id", resource)
                + attribute("urn:oasis:names:tc:xacml:3.0:attribute-category:action",
                        "urn:oasis:names:tc:xacml:1.0:action:action-id", action)
                + "</Request>";
    }

    private static String attribute(String category, String id, String value) {
        return "<Attributes Category=\"" + category + "\"><Attribute AttributeId=\"" + id + "\" IncludeInResult=\"false\">"
                + "<AttributeValue DataType=\"http://www.w3.org/2001/XMLSchema#string\">" + value
                + "</AttributeValue></Attribute></Attributes>";
    }
}
