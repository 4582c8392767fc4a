package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.Feature;
import io.berth.server.security.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth's own cluster under {@code membership_scheme = "kubernetes"}, configured with WSO2's keys. No Kubernetes
 * here: in DNS mode the headless service's name ({@code berth.default.svc.cluster.local}) resolves to the
 * members' addresses through a hosts file of each network namespace, which is all a member asks of cluster DNS.
 * API mode is started against a loopback port nobody listens on; nothing beyond loopback or the test's own
 * namespaces is contacted.
 */
class ClusterKubernetesTest {

    private static final Set<Feature> FEATURES = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.CLUSTERING);
    private static final String SERVICE_DNS = "berth.default.svc.cluster.local";

    @Test
    void dnsModeMembersFindEachOtherByTheServiceNameAndForgetAStoppedOne(@TempDir Path dir) throws Exception {
        String domain = "berth-it-k8s-" + ProcessHandle.current().pid();
        NetNamespaces created = NetNamespaces.createOrSkip(dir);
        try (NetNamespaces net = created) {
            net.resolve(SERVICE_DNS, List.of(net.a(), net.b()));
            try (TestServer a = TestServer.start(home(dir, net.a(), domain), "-DportOffset=0");
                    TestServer b = TestServer.start(home(dir, net.b(), domain), "-DportOffset=0")) {
                Clusters.PairAcrossHosts found = Clusters.awaitPairAcrossHosts(net, a, b, FEATURES, "a cluster of two found by " + SERVICE_DNS);
                for (var cluster : found.views()) {
                    assertEquals("kubernetes", cluster.get("scheme").asText());
                    assertEquals("joined", cluster.get("search").asText(), cluster.toString());
                }
                for (var pair : List.of(List.of(a, b), List.of(b, a))) {
                    CommandResult status = pair.get(0).home().berth("status", "--cluster");
                    assertEquals(0, status.exitCode(), status.toString());
                    assertTrue(status.out().contains("Cluster: 2 member(s), scheme kubernetes, domain " + domain), status.out());
                    String other = pair.get(1).home().host().address();
                    assertTrue(status.out().lines().anyMatch(line -> line.startsWith(other + " ")), status.out());
                }

                assertEquals(0, b.stop(), "stop of the member on " + net.b().address());
                var alone = a.await(found.keyB() + " gone", () -> a.getJson("/api/cluster"),
                        view -> view.get("memberCount").asInt() == 1 && view.get("members").size() == 1, Duration.ofSeconds(60));
                Clusters.assertDirectory(alone, Map.of(found.keyA(), found.atZero()), found.homes());
                CommandResult status = a.home().berth("status", "--cluster");
                assertTrue(status.out().contains("Cluster: 1 member(s), scheme kubernetes"), status.out());
                assertTrue(status.out().lines().noneMatch(line -> line.startsWith(net.b().address() + " ")), status.out());
            }
        }
    }

    /**
     * API mode reads the service's endpoints from the API server. A master URL on a loopback port that was just
     * closed: the start stops with one line naming the API server, and releases every port.
     */
    @Test
    void apiModeWithAnUnreachableApiServerStopsTheStartWithOneLine(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        TestHome home = TestHome.copyOfDistribution(dir, "api");
        Path security = Files.createDirectories(home.resolve("repository/security"));
        Files.writeString(security.resolve("k8s-ca.pem"), anyCaCertificate());
        Files.writeString(security.resolve("k8s-token"), "not-a-real-token\n");
        String master = "http://127.0.0.1:" + closed;
        home = home.config(Clusters.config("127.0.0.1", false, """
                membership_scheme = "kubernetes"
                domain = "berth-it-k8s-api-%d"
                """.formatted(ProcessHandle.current().pid())) + """

                [clustering.properties]
                membershipSchemeClassName = "org.wso2.carbon.membership.scheme.kubernetes.KubernetesMembershipScheme"
                KUBERNETES_NAMESPACE = "default"
                KUBERNETES_SERVICES = "berth"
                USE_DNS = "false"
                KUBERNETES_API_SERVER = "%s"
                BEARER_TOKEN_FILE_LOCATION = "repository/security/k8s-token"
                KUBERNETES_CA_CERTIFICATE_FILE = "repository/security/k8s-ca.pem"
                """.formatted(master));

        CommandResult ports = home.berth("ports", "-DportOffset=auto");
        assertEquals(0, ports.exitCode(), "API mode is a valid configuration\n" + ports);

        TestServer server = TestServer.launch(home, "-DportOffset=auto");
        try (server) {
            int exit = server.awaitExit(Duration.ofSeconds(120));
            String output = server.output();
            assertNotEquals(0, exit, output);
            List<String> errors = output.lines().filter(line -> line.startsWith("berth: ")).toList();
            assertEquals(1, errors.size(), output);
            assertTrue(errors.get(0).contains("Kubernetes API server " + master), errors.get(0));
            assertTrue(!output.contains("not-a-real-token"), "the token never reaches the output");
            assertEquals(List.of(), home.registryEntries(), "the home holds no ports in the host registry");
        }
    }

    /**
     * A value Berth's cluster cannot run is one line at load, the same for {@code ports}, {@code plan} and
     * {@code start} (the server in the foreground), exit 2, and nothing is left listening or reserved.
     */
    @Test
    void aBadKubernetesValueIsOneLineForPortsPlanAndStartAlike(@TempDir Path dir) throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "bad").config("""
                [server]
                hostname = "127.0.0.1"

                [clustering]
                membership_scheme = "kubernetes"

                [clustering.properties]
                KUBERNETES_SERVICES = "store,publisher"
                """);
        String says = "[clustering.properties] KUBERNETES_SERVICES must name one service: Berth's cluster discovers the pods "
                + "of one (headless) service; let one service select every member (was \"store,publisher\")";
        for (List<String> command : List.of(List.of("ports", "-DportOffset=5950"), List.of("plan", "--home", home.toString()),
                List.of("-DportOffset=auto"))) {
            CommandResult result = home.berth(command.toArray(String[]::new));
            List<String> lines = result.err().lines().filter(line -> !line.isBlank()).toList();
            assertEquals(1, lines.size(), command + ": one line\n" + result);
            assertTrue(lines.get(0).startsWith("berth: ") && lines.get(0).contains(says), command + "\n" + result);
            assertEquals(2, result.exitCode(), command + "\n" + result);
        }
        assertEquals(List.of(), home.registryEntries(), "the home holds no ports in the host registry");
    }

    /** {@code aws} is read for planning a WSO2 home, and Berth's own start names the schemes it runs. */
    @Test
    void awsIsReadForPlanningAndStartNamesTheSchemesBerthRuns(@TempDir Path dir) throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "aws").config("""
                [server]
                hostname = "127.0.0.1"

                [clustering]
                membership_scheme = "aws"
                """);
        CommandResult ports = home.berth("ports", "-DportOffset=5950");
        assertEquals(0, ports.exitCode(), ports.toString());
        assertTrue(ports.out().contains("cluster-wka"), ports.out());
        CommandResult start = home.berth("-DportOffset=auto");
        List<String> lines = start.err().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), start.toString());
        assertTrue(lines.get(0).contains("membership_scheme = \"aws\" is read for planning, but Berth's own cluster runs "
                + "wka, multicast, kubernetes; use one of those to start"), start.toString());
        assertNotEquals(0, start.exitCode(), start.toString());
    }

    /** A home on {@code self} whose members are the pods of service "berth" in namespace "default". */
    private static TestHome home(Path dir, NetNamespaces.Host self, String domain) throws IOException {
        String clustering = """
                membership_scheme = "kubernetes"
                local_member_host = "%s"
                domain = "%s"
                """.formatted(self.address(), domain);
        // As WSO2's Kubernetes resources write it (USE_DNS absent: DNS mode, WSO2's default).
        String properties = """

                [clustering.properties]
                membershipSchemeClassName = "org.wso2.carbon.membership.scheme.kubernetes.KubernetesMembershipScheme"
                KUBERNETES_NAMESPACE = "default"
                KUBERNETES_SERVICES = "berth"
                """;
        return TestHome.copyOfDistribution(dir, self.namespace()).on(self)
                .config(Clusters.config(self.address(), false, clustering) + properties);
    }

    /** A CA certificate in PEM, any: the API server is never reached. */
    private static String anyCaCertificate() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            cacerts.load(in, null);
        }
        Certificate first = cacerts.getCertificate(cacerts.aliases().nextElement());
        return Pem.certificate(first);
    }
}
