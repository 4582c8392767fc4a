package io.berth.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.berth.ports.HostPort;
import io.berth.server.ServerSettings;
import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.DeploymentConfigLoader;
import io.berth.server.config.MembershipScheme;
import io.berth.server.config.References;
import io.berth.server.config.UndefinedReferenceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** WSO2's kubernetes-membership-scheme keys, read into Hazelcast's Kubernetes discovery; bad values stop at load. */
class KubernetesConfigurationTest {

    private static final String HEAD = "[clustering]\nmembership_scheme = \"kubernetes\"\n\n[clustering.properties]\n";

    @TempDir
    Path dir;

    private DeploymentConfig load(String toml) throws IOException {
        Path file = dir.resolve("deployment.toml");
        Files.writeString(file, toml);
        return new DeploymentConfigLoader(new References(Map.<String, String>of()::get, Map.<String, String>of()::get)).load(file);
    }

    private ClusterSettings settings(String properties) throws IOException {
        DeploymentConfig config = load(HEAD + properties);
        assertEquals(java.util.List.of(), config.warnings(), "every key is one Berth reads");
        return ClusterConfiguration.settings(config).orElseThrow();
    }

    private static JoinConfig join(ClusterSettings settings, KubernetesApiAccess access) throws Exception {
        Config config = HazelcastMemberConfig.build(settings, InetAddress.getLoopbackAddress(), 4003,
                HostPort.parse("127.0.0.1:4003"), -1, access);
        return config.getAdvancedNetworkConfig().getJoin();
    }

    @Test
    void wso2sKubernetesFileRunsHazelcastsDnsLookupOfTheHeadlessService() throws Exception {
        // As WSO2's Identity Server Kubernetes resources write it: no USE_DNS, so DNS mode (WSO2's default).
        ClusterSettings settings = settings("""
                membershipSchemeClassName = "org.wso2.carbon.membership.scheme.kubernetes.KubernetesMembershipScheme"
                KUBERNETES_NAMESPACE = "wso2"
                KUBERNETES_SERVICES = "wso2is-service"
                KUBERNETES_MASTER_SKIP_SSL_VERIFICATION = true
                """);
        assertEquals(MembershipScheme.KUBERNETES, settings.scheme());
        KubernetesDiscovery discovery = settings.kubernetes();
        assertEquals(KubernetesDiscovery.Mode.DNS, discovery.mode());
        assertEquals("wso2is-service.wso2.svc.cluster.local", discovery.serviceDns());
        assertEquals(java.util.List.of("wso2is-service.wso2.svc.cluster.local"), settings.sought());

        JoinConfig join = join(settings, null);
        assertTrue(join.getKubernetesConfig().isEnabled());
        assertFalse(join.getTcpIpConfig().isEnabled());
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.getAutoDetectionConfig().isEnabled());
        assertEquals(Map.of("service-dns", "wso2is-service.wso2.svc.cluster.local", "service-dns-timeout", "10",
                "service-port", "4003"), join.getKubernetesConfig().getProperties());
    }

    @Test
    void useDnsFalseRunsHazelcastsApiModeWithTheGivenServerCaAndToken() throws Exception {
        ClusterSettings settings = settings("""
                KUBERNETES_SERVICES = "berth"
                USE_DNS = "false"
                DNS_LOOKUP_TIMEOUT = "3"
                KUBERNETES_API_SERVER = "https://10.96.0.1:443/"
                BEARER_TOKEN_FILE_LOCATION = "token"
                KUBERNETES_CA_CERTIFICATE_FILE = "ca.pem"
                """);
        KubernetesDiscovery discovery = settings.kubernetes();
        assertEquals(KubernetesDiscovery.Mode.API, discovery.mode());
        assertEquals("default", discovery.namespace());
        assertEquals("https://10.96.0.1:443", discovery.apiServer());

        JoinConfig join = join(settings, new KubernetesApiAccess("-----BEGIN CERTIFICATE-----\n...", "the-token"));
        Map<String, String> properties = join.getKubernetesConfig().getProperties();
        assertEquals("default", properties.get("namespace"));
        assertEquals("berth", properties.get("service-name"));
        assertEquals("https://10.96.0.1:443", properties.get("kubernetes-master"));
        assertEquals("the-token", properties.get("api-token"));
        assertEquals("4003", properties.get("service-port"));
        assertNull(properties.get("service-dns"), "one mode only");
    }

    @Test
    void wso2sOlderMasterKeyIsTheApiServer() throws Exception {
        assertEquals("http://127.0.0.1:8080", settings("""
                KUBERNETES_SERVICES = "berth"
                USE_DNS = false
                KUBERNETES_MASTER = "http://127.0.0.1:8080"
                """).kubernetes().apiServer());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("KUBERNETES_SERVICES = \"store,publisher\"\n",
                        "[clustering.properties] KUBERNETES_SERVICES must name one service: Berth's cluster discovers the pods of one (headless) service; let one service select every member (was \"store,publisher\")"),
                Arguments.of("KUBERNETES_SERVICES = \"Berth_Service\"\n",
                        "[clustering.properties] KUBERNETES_SERVICES must be a Kubernetes service name (a lower-case letter, then letters, digits and '-', at most 63) (was \"Berth_Service\")"),
                Arguments.of("KUBERNETES_SERVICES = \"berth\"\nKUBERNETES_NAMESPACE = \"my.ns\"\n",
                        "[clustering.properties] KUBERNETES_NAMESPACE must be a Kubernetes namespace name (lower-case letters, digits and '-', at most 63) (was \"my.ns\")"),
                Arguments.of("KUBERNETES_SERVICES = \"berth\"\nDNS_LOOKUP_TIMEOUT = 0\n",
                        "[clustering.properties] DNS_LOOKUP_TIMEOUT must be 1..300 seconds (was 0)"),
                Arguments.of("KUBERNETES_SERVICES = \"berth\"\nUSE_DNS = \"maybe\"\n",
                        "[clustering.properties] USE_DNS must be true or false (was \"maybe\")"),
                Arguments.of("KUBERNETES_SERVICES = \"berth\"\nUSE_DNS = false\nKUBERNETES_API_SERVER = \"kubernetes.default.svc\"\n",
                        "[clustering.properties] KUBERNETES_API_SERVER must be the API server's URL, http:// or https:// with a host (was \"kubernetes.default.svc\")"),
                Arguments.of("KUBERNETES_SERVICES = \"berth\"\nKUBERNETES_API_SERVER = \"https://a\"\nKUBERNETES_MASTER = \"https://b\"\n",
                        "[clustering.properties] KUBERNETES_MASTER must equal [clustering.properties] KUBERNETES_API_SERVER (\"https://a\"), its newer name, or be absent (was \"https://b\")"),
                Arguments.of("KUBERNETES_SERVICES = \"berth\"\nmembershipSchemeClassName = \"com.example.MyScheme\"\n",
                        "[clustering.properties] membershipSchemeClassName must be org.wso2.carbon.membership.scheme.kubernetes.KubernetesMembershipScheme under membership_scheme = \"kubernetes\", or absent (was \"com.example.MyScheme\")"),
                Arguments.of("KUBERNETES_SERVICES = \"berth\"\nUSE_DNS = false\nKUBERNETES_API_SERVER_USERNAME = \"admin\"\n",
                        "[clustering.properties] KUBERNETES_API_SERVER_USERNAME cannot be used: Berth's cluster authenticates at the Kubernetes API server with the service-account token"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aValueBerthsClusterCannotRunIsOneLineAtLoad(String properties, String says) throws Exception {
        // Loading and ServerSettings.validate: what ports, plan and start all do with a file.
        ConfigException e = assertThrows(ConfigException.class, () -> ServerSettings.validate(load(HEAD + properties)));
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** As WSO2's scheme, which reads the environment variable first; with neither, only start stops (W8: ports reads it). */
    @Test
    void noServiceInTheFileNorTheEnvironmentStopsOnlyTheStart() throws Exception {
        assumeTrue(System.getenv("KUBERNETES_SERVICES") == null, "this test's environment names a service");
        DeploymentConfig config = load(HEAD + "KUBERNETES_NAMESPACE = \"default\"\n");
        ServerSettings.validate(config);
        UndefinedReferenceException e = assertThrows(UndefinedReferenceException.class, () -> ClusterConfiguration.settings(config));
        assertEquals(dir.resolve("deployment.toml") + ": [clustering.properties] KUBERNETES_SERVICES must name the Kubernetes service whose pods "
                + "are the members, under membership_scheme = \"kubernetes\"; it is in neither the file nor the environment "
                + "variable KUBERNETES_SERVICES", e.getMessage());
    }

    @Test
    void theSchemesBerthRunsAreNamedForTheOthers() {
        assertEquals("wka, multicast, kubernetes", MembershipScheme.runnable());
        assertFalse(MembershipScheme.AWS.runsInBerth());
        assertFalse(MembershipScheme.AWS_ECS.runsInBerth());
    }

    @Test
    void anApiServerNobodyAnswersOnStopsTheStartNamingIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("token"), "secret-token-value\n");
        KubernetesDiscovery discovery = settings("""
                KUBERNETES_SERVICES = "berth"
                USE_DNS = false
                KUBERNETES_API_SERVER = "http://127.0.0.1:%d"
                BEARER_TOKEN_FILE_LOCATION = "token"
                KUBERNETES_CA_CERTIFICATE_FILE = "ca.pem"
                """.formatted(closed)).kubernetes();
        ClusterStartException e = assertThrows(ClusterStartException.class, () -> KubernetesApiAccess.read(discovery, dir));
        assertTrue(e.getMessage().startsWith("Kubernetes API server http://127.0.0.1:" + closed
                + " ([clustering.properties] KUBERNETES_API_SERVER) cannot be reached: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("the cluster member cannot read the endpoints of service default/berth"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token-value"));
    }

    @Test
    void aMissingCaCertificateStopsTheStartNamingTheKeyAndTheFile() throws Exception {
        KubernetesDiscovery discovery = settings("""
                KUBERNETES_SERVICES = "berth"
                USE_DNS = false
                KUBERNETES_CA_CERTIFICATE_FILE = "nope.pem"
                """).kubernetes();
        ClusterStartException e = assertThrows(ClusterStartException.class, () -> KubernetesApiAccess.read(discovery, dir));
        assertEquals("Kubernetes API discovery needs the API server's CA certificate: " + dir.resolve("nope.pem")
                + " is missing ([clustering.properties] KUBERNETES_CA_CERTIFICATE_FILE)", e.getMessage());
    }
}
