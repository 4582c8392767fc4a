package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.ports.Feature;
import io.berth.ports.HostPort;
import io.berth.server.thrift.generated.EntitlementException;
import io.berth.server.thrift.generated.EntitlementService;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every address an instance prints is one its clients can use: each service reached by a real client through
 * the address the instance printed for it ({@code curl -g}, a JMX client with the printed service URL, {@code
 * kinit} with the printed krb5.conf, a Thrift client, {@code status --cluster}), over IPv6 and HTTP/2; a name
 * with several addresses bound on each; a wildcard bind advertised as an address a remote client dials.
 */
class AddressesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Feature> EVERY = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX, Feature.CLUSTERING,
            Feature.KDC, Feature.THRIFT_ENTITLEMENT);
    private static final String ALICE_PASSWORD = "alice-addresses-1";

    @Test
    void ipv6LoopbackWithEveryFeatureOnIsReachedThroughWhatItPrints(@TempDir Path dir) throws Exception {
        assumeTrue(hasIpv6Loopback(), "skipped: this host has no ::1");
        String domain = "berth-it-ipv6-" + ProcessHandle.current().pid();
        try (TestServer instance = TestServer.start(TestHome.copyOfDistribution(dir, "ipv6").config("""
                [server]
                hostname = "::1"

                [clustering]
                membership_scheme = "wka"
                domain = "%s"

                [[kdc.principals]]
                name = "alice"
                password = "%s"
                """.formatted(domain, ALICE_PASSWORD)))) {
            JsonNode record = instance.runtimeRecord();
            int https = instance.port("https");
            String consoleUrl = record.get("consoleUrl").asText();
            assertEquals("https://[::1]:" + https + "/console", consoleUrl);
            assertEquals("service:jmx:rmi://[::1]:" + instance.port("jmx-rmi-server") + "/jndi/rmi://[::1]:"
                    + instance.port("jmx-rmi-registry") + "/jmxrmi", record.get("jmxServiceUrl").asText());
            assertTrue(instance.output().contains("Console: " + consoleUrl), "the banner prints the console URL");

            // curl, as the console tells users to run it, at the console's own address.
            String base = consoleUrl.substring(0, consoleUrl.length() - "/console".length());
            JsonNode info = JSON.readTree(curl(instance, "-g", base + "/api/instance"));
            assertEquals("[::1]:" + instance.port("kdc"), info.get("kdc").asText());
            assertEquals("[::1]:" + instance.port("thrift-entitlement"), info.get("thrift").asText());
            assertTrue(info.get("curl").asText().startsWith("curl -g "), info.get("curl").asText());
            for (JsonNode port : JSON.readTree(curl(instance, "-g", base + "/api/ports")).get("ports")) {
                if (port.get("enabled").asBoolean()) {
                    assertEquals("[::1]:" + port.get("effective").asInt(), port.get("advertised").asText(), port.toString());
                }
            }

            // HTTP/2: h2 by ALPN on https, h2c by prior knowledge and by upgrade on http.
            assertEquals("2", curl(instance, "-g", "--http2", "-o", "/dev/null", "-w", "%{http_version}", base + "/api/health"));
            String http = "http://[::1]:" + instance.port("http") + "/api/health";
            assertEquals("2", curl(instance, "-g", "--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version}", http));
            assertEquals("2", curl(instance, "-g", "--http2", "-o", "/dev/null", "-w", "%{http_version}", http));
            assertEquals("1.1", curl(instance, "-g", "--http1.1", "-o", "/dev/null", "-w", "%{http_version}", base + "/api/health"));

            // JMX, with the service URL exactly as printed.
            assertEquals(record.get("ports").get("offset").asInt(), JmxClient.offset(record.get("jmxServiceUrl").asText(),
                    "monitorRole", JmxClient.password(instance.home(), "monitorRole")));

            // Thrift, at the printed address, checking the certificate against the address it dialled.
            HostPort thrift = HostPort.parse(info.get("thrift").asText());
            thriftAnswers(instance, thrift);

            // kinit, with the krb5.conf the instance prints.
            if (NetNamespaces.exec("sh", "-c", "command -v kinit").exit() == 0) {
                CommandResult krb5 = instance.home().berth("kdc", "krb5conf");
                assertEquals(0, krb5.exitCode(), krb5.toString());
                assertTrue(krb5.out().contains("kdc = [::1]:" + instance.port("kdc")), krb5.out());
                assertEquals(info.get("krb5conf").asText(), krb5.out(), "the console and the command print one krb5.conf");
                Path conf = Files.writeString(dir.resolve("krb5.conf"), krb5.out());
                NetNamespaces.Result kinit = NetNamespaces.exec("sh", "-c", "echo '" + ALICE_PASSWORD + "' | KRB5_CONFIG=" + conf
                        + " KRB5CCNAME=FILE:" + dir.resolve("cc") + " kinit alice");
                assertEquals(0, kinit.exit(), kinit.output());
            }

            CommandResult status = instance.home().berth("status", "--cluster");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains("Cluster: 1 member(s), scheme wka"), status.out());
            assertTrue(status.out().lines().anyMatch(line -> line.startsWith("::1 ")), status.out());
        }
    }

    @Test
    void aNameWithSeveralAddressesIsBoundOnEachAndPreflightNamesTheTakenOne(@TempDir Path dir) throws Exception {
        assumeTrue(hasIpv6Loopback(), "skipped: this host has no ::1");
        // The JDK's own hosts-file switch gives the server a name with two addresses, as localhost has on many hosts.
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 berth-two\n::1 berth-two\n");
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX, Feature.KDC, Feature.THRIFT_ENTITLEMENT);
        TestHome home = TestHome.copyOfDistribution(dir, "two").config("[server]\nhostname = \"berth-two\"\n");
        String hostsFile = "-Djdk.net.hosts.file=" + hosts;
        // The lowest offset whose ports are free, as `berth plan` finds it: the test squats one of them.
        int offset = home.berth(hostsFile, "plan", "--home", home.toString(), "--format", "json").json()
                .get("instances").get(0).get("offset").asInt();
        String atOffset = "-DportOffset=" + offset;
        int https = Clusters.expected(offset, features).effective("https");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("::1"), https));
            try (TestServer refused = TestServer.launch(home, atOffset, hostsFile)) {
                assertNotEquals(0, refused.awaitExit(Duration.ofSeconds(90)));
                assertTrue(refused.output().contains("Port " + https + "/tcp (https) on ::1 (one of berth-two's addresses 127.0.0.1, ::1) is taken by"),
                        refused.output());
            }
        }
        // This JVM cannot resolve berth-two: the banner is the sign of a start.
        try (TestServer instance = TestServer.launchUntil(home, TestServer.BANNER, atOffset, hostsFile)) {
            JsonNode record = instance.runtimeRecord();
            assertEquals("https://berth-two:" + https + "/console", record.get("consoleUrl").asText());
            // Every service listens on both addresses: Jetty, JMX's two ports, the KDC and Thrift.
            for (JsonNode port : record.get("ports").get("ports")) {
                if (port.get("enabled").asBoolean()) {
                    String address = port.get("address").asText();
                    int effective = port.get("effective").asInt();
                    assertTrue(address.contains("127.0.0.1:" + effective) && address.contains("[::1]:" + effective),
                            port.get("id").asText() + " is bound on " + address);
                }
            }
            // Both addresses serve, under the certificate's name for them.
            for (String address : List.of("127.0.0.1", "[::1]")) {
                assertTrue(curl(instance, "--resolve", "berth-two:" + https + ":" + address,
                        "https://berth-two:" + https + "/api/health").contains("\"UP\""), address);
            }
            // A JMX client that resolves the name as the server does, with the printed URL.
            NetNamespaces.Result jmx = NetNamespaces.exec(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djdk.net.hosts.file=" + hosts, "-cp", testClasses(), JmxClient.class.getName(),
                    record.get("jmxServiceUrl").asText(), "monitorRole", JmxClient.password(instance.home(), "monitorRole"));
            assertEquals("offset=" + offset, jmx.output().strip(), jmx.output());
        }
    }

    @Test
    void aWildcardBindIsAdvertisedAsAnAddressARemoteClientUses(@TempDir Path dir) throws Exception {
        try (NetNamespaces net = NetNamespaces.createOrSkip(dir)) {
            String v6a = "fd00:214::1";
            String v6b = "fd00:214::2";
            mustRun("ip", "-n", net.a().namespace(), "addr", "add", v6a + "/64", "dev", net.a().veth(), "nodad");
            mustRun("ip", "-n", net.b().namespace(), "addr", "add", v6b + "/64", "dev", net.b().veth(), "nodad");
            checkWildcard(dir, net, "v4", "0.0.0.0", net.a().address());
            checkWildcard(dir, net, "v6", "::", v6a);
        }
    }

    /**
     * Starts an instance on "host" A bound to {@code wildcard}, and checks that everything it prints names
     * {@code expected}, an address host B reaches it at; then a client on B uses the console URL and the JMX URL.
     */
    private static void checkWildcard(Path dir, NetNamespaces net, String name, String wildcard, String expected) throws Exception {
        String host = HostPort.uriHost(expected);
        try (TestServer instance = TestServer.start(TestHome.copyOfDistribution(dir, name).on(net.a()).config("""
                [server]
                hostname = "%s"
                """.formatted(wildcard)), "-DportOffset=0")) {
            JsonNode record = instance.runtimeRecord();
            assertEquals("https://" + host + ":9443/console", record.get("consoleUrl").asText());
            assertEquals("service:jmx:rmi://" + host + ":9999/jndi/rmi://" + host + ":11111/jmxrmi",
                    record.get("jmxServiceUrl").asText());
            JsonNode info = instance.getJson("/api/instance");
            assertEquals(host + ":8000", info.get("kdc").asText());
            assertEquals(host + ":10500", info.get("thrift").asText());
            assertTrue(info.get("krb5conf").asText().contains("kdc = " + host + ":8000"), info.get("krb5conf").asText());
            for (JsonNode port : instance.getJson("/api/ports").get("ports")) {
                if (port.get("enabled").asBoolean()) {
                    assertEquals(host + ":" + port.get("effective").asInt(), port.get("advertised").asText(), port.toString());
                }
            }
            // A client on the other host, with what was printed.
            List<String> curl = new ArrayList<>(net.b().prefix());
            curl.addAll(List.of("curl", "-g", "-sS", "--fail", "--max-time", "10", "--cacert", instance.home().caPem().toString(),
                    record.get("consoleUrl").asText().replace("/console", "/api/health")));
            NetNamespaces.Result health = NetNamespaces.exec(curl.toArray(String[]::new));
            assertEquals(0, health.exit(), health.output());
            assertTrue(health.output().contains("\"UP\""), health.output());
            // Beyond loopback the RMI server speaks TLS: the client trusts the instance's certificate.
            Path trust = dir.resolve(name + "-trust.p12");
            mustRun("keytool", "-importcert", "-noprompt", "-alias", "berth", "-file", instance.home().caPem().toString(),
                    "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", "trust-" + name);
            List<String> jmx = new ArrayList<>(net.b().prefix());
            jmx.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=trust-" + name,
                    "-cp", testClasses(), JmxClient.class.getName(), record.get("jmxServiceUrl").asText(),
                    "monitorRole", JmxClient.password(instance.home(), "monitorRole")));
            NetNamespaces.Result jmxResult = NetNamespaces.exec(jmx.toArray(String[]::new));
            assertEquals("offset=0", jmxResult.output().strip(), jmxResult.output());
        }
    }

    @Test
    void aMemberAdvertisingAForwardedAddressIsJoinedThroughItAndSaysWhenItIsAlone(@TempDir Path dir) throws Exception {
        String domain = "berth-it-forward-" + ProcessHandle.current().pid();
        try (NetNamespaces net = NetNamespaces.createOrSkip(dir)) {
            String a = net.a().address();
            String b = net.b().address();
            List<TestServer> instances = new ArrayList<>();
            Process forwarder = null;
            try {
                // A is reached at a:5000, a forward to its member port a:4000.
                TestServer first = member(dir, net.a(), b + ":4000", a + ":5000", domain);
                instances.add(first);
                first.awaitStarted();
                String degraded = first.await("A says it runs alone", () -> first.get("/api/health"),
                        body -> body.contains("\"DEGRADED\""), Duration.ofSeconds(60));
                assertTrue(degraded.contains(b + ":4000"), degraded);
                assertTrue(first.output().contains("has found none of its members [" + b + ":4000]"), first.output());
                CommandResult alone = first.home().berth("status", "--cluster");
                assertTrue(alone.out().contains("Cluster degraded: none of the members [" + b + ":4000] found"), alone.toString());

                List<String> command = new ArrayList<>(net.a().prefix());
                command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", testClasses(),
                        TcpForwarder.class.getName(), a, "5000", a, "4000"));
                Path forwarded = dir.resolve("forwarder.out");
                forwarder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(forwarded.toFile()).start();
                first.await("the forwarder listens", () -> Files.readString(forwarded), out -> out.contains("forwarding"),
                        Duration.ofSeconds(30));

                // B knows A only by the forwarded address.
                TestServer second = member(dir, net.b(), a + ":5000", null, domain);
                instances.add(second);
                second.awaitStarted();
                for (TestServer instance : instances) {
                    instance.await("a cluster of two", () -> instance.getJson("/api/cluster"),
                            view -> view.get("memberCount").asInt() == 2 && view.get("members").size() == 2, Duration.ofSeconds(90));
                }
                assertTrue(Files.readString(forwarded).contains("accepted"), "B reached A through the forwarder");
                JsonNode seenByB = second.getJson("/api/cluster");
                JsonNode cardOfA = null;
                for (JsonNode member : seenByB.get("members")) {
                    if (member.get("host").asText().equals(a)) {
                        cardOfA = member;
                    }
                }
                assertTrue(cardOfA != null, seenByB.toString());
                for (JsonNode port : cardOfA.get("ports").get("ports")) {
                    if (port.get("id").asText().equals("cluster-wka")) {
                        assertEquals(a + ":5000", port.get("advertised").asText(), "the directory carries the forwarded address");
                    }
                }
                first.await("A says its members are back", () -> first.get("/api/health"), body -> body.contains("\"UP\""),
                        Duration.ofSeconds(30));
                assertTrue(first.output().contains("has found its members"), first.output());
            } finally {
                instances.forEach(TestServer::close);
                if (forwarder != null) {
                    forwarder.destroyForcibly();
                }
            }
        }
    }

    /** A member on {@code self}'s host at offset 0 (launched, not awaited), naming {@code other}; advertising {@code advertised} if not null. */
    private static TestServer member(Path dir, NetNamespaces.Host self, String other, String advertised, String domain)
            throws Exception {
        String binding = advertised == null ? "" : """

                [socket_binding.cluster-wka]
                advertised_address = "%s"
                """.formatted(advertised);
        return TestServer.launch(TestHome.copyOfDistribution(dir, self.namespace()).on(self).config("""
                [server]
                hostname = "%s"
                product = "carbon"

                [monitoring.jmx]
                rmi_server_start = false

                [clustering]
                membership_scheme = "wka"
                members = ["%s"]
                domain = "%s"
                members_missing_seconds = 2
                %s
                %s""".formatted(self.address(), other, domain, Clusters.SECRET, binding)), "-DportOffset=0");
    }

    /** curl with the instance's certificate as the only trusted one; returns its output, failing on an error. */
    private static String curl(TestServer instance, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail", "--max-time", "10", "--cacert",
                instance.home().caPem().toString()));
        command.addAll(List.of(args));
        NetNamespaces.Result result = NetNamespaces.exec(command.toArray(String[]::new));
        assertEquals(0, result.exit(), String.join(" ", command) + ": " + result.output());
        return result.output();
    }

    /**
     * Asks the Thrift TLS port at {@code address} for a decision with a session it never issued, checking the
     * certificate names the address it dialled: the service answers with WSO2's EntitlementException.
     */
    private static void thriftAnswers(TestServer instance, HostPort address) throws Exception {
        SSLSocket socket = (SSLSocket) instance.home().tls().getSocketFactory().createSocket(address.host(), address.port());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        try (TSocket transport = new TSocket(socket)) {
            EntitlementService.Client entitlement = new EntitlementService.Client(new TBinaryProtocol(transport));
            assertThrows(EntitlementException.class, () -> entitlement.getDecision("<Request/>", "no-such-session"));
        }
    }

    private static boolean hasIpv6Loopback() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(Inet6Address.getByName("::1"), 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String testClasses() throws Exception {
        return Path.of(URI.create(AddressesTest.class.getProtectionDomain().getCodeSource().getLocation().toString())).toString();
    }

    private static void mustRun(String... command) throws Exception {
        NetNamespaces.Result result = NetNamespaces.exec(command);
        assertEquals(0, result.exit(), String.join(" ", command) + ": " + result.output());
    }
}
