package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WSO2 products whose ports are not in deployment.toml, through the packaged launcher: a Streaming Integrator
 * home ({@code conf/server/deployment.yaml}), an API-M Analytics home (worker and dashboard {@code deployment.yaml}),
 * an Enterprise Integrator 6 home ({@code conf/carbon.xml}, {@code axis2.xml}, {@code catalina-server.xml} and its
 * profiles), at offsets 0 and 3; and {@code --product} stated alone or over a home. The files hold the keys as WSO2
 * ships them (trimmed copies of the real ones are checked in berth-server's Wso2RealFilesTest).
 */
class Wso2ProductFilesCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static void write(Path home, String relative, String text) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Path home(String name, String... launchers) throws IOException {
        Path home = dir.resolve(name);
        for (String launcher : launchers) {
            write(home, "bin/" + launcher, "#!/bin/sh\n");
        }
        return home;
    }

    private static String carbon5(int offset, String transports) {
        return "wso2.carbon:\n  id: wso2-si\n  ports:\n    offset: " + offset + "\n" + transports;
    }

    private static final String SI_TRANSPORTS = """
            wso2.transport.http:
              listenerConfigurations:
                - id: "default"
                  host: "0.0.0.0"
                  port: 9090
                - id: "msf4j-https"
                  host: "0.0.0.0"
                  port: 9443
                  scheme: https
            siddhi.stores.query.api:
              listenerConfigurations:
                - id: "default"
                  port: 7070
                - id: "msf4j-https"
                  port: 7443
            databridge.config:
              dataReceivers:
              - dataReceiver:
                  type: Thrift
                  properties:
                    tcpPort: '7611'
                    sslPort: '7711'
              - dataReceiver:
                  type: Binary
                  properties:
                    tcpPort: '9611'
                    sslPort: '9711'
            """;

    private Path streamingIntegrator() throws IOException {
        Path home = home("wso2si-4.2.0", "server.sh");
        write(home, "conf/server/deployment.yaml", carbon5(0, SI_TRANSPORTS));
        return home;
    }

    private static Map<String, Integer> enabled(JsonNode ports) {
        Map<String, Integer> enabled = new LinkedHashMap<>();
        ports.forEach(port -> {
            if (port.get("enabled").asBoolean()) {
                enabled.put(port.get("id").asText(), port.get("effective").asInt());
            }
        });
        return enabled;
    }

    private static Map<String, Integer> ports(String... args) throws Exception {
        CommandResult result = TestHome.distribution().berth(args);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.err(), result.toString());
        return enabled(JSON.readTree(result.out()).get("ports"));
    }

    @Test
    void streamingIntegratorHomeAtOffsetsZeroAndThree() throws Exception {
        String home = streamingIntegrator().toString();
        assertEquals(Map.of("http", 9090, "https", 9443, "store-api-http", 7070, "store-api-https", 7443, "thrift", 7611,
                "thrift-ssl", 7711, "binary", 9611, "binary-ssl", 9711), ports("ports", "--home", home, "--format", "json"));
        assertEquals(Map.of("http", 9093, "https", 9446, "store-api-http", 7070, "store-api-https", 7443, "thrift", 7614,
                "thrift-ssl", 7714, "binary", 9614, "binary-ssl", 9714),
                ports("ports", "--home", home, "--offset", "3", "--format", "json"));
        CommandResult table = TestHome.distribution().berth("ports", "--home", home, "-DportOffset=3");
        assertEquals(0, table.exitCode(), table.toString());
        assertTrue(table.out().startsWith("Product WSO2 Streaming Integrator 4.2.0 (detected from launcher bin/server.sh"),
                table.toString());
        assertTrue(table.out().contains("system property portOffset"), table.toString());
    }

    @Test
    void streamingIntegratorOffsetInItsDeploymentYamlIsNamedAsItsSource() throws Exception {
        Path home = home("wso2si-4.2.0", "server.sh");
        write(home, "conf/server/deployment.yaml", carbon5(3, SI_TRANSPORTS));
        CommandResult table = TestHome.distribution().berth("ports", "--home", home.toString());
        assertEquals(0, table.exitCode(), table.toString());
        assertTrue(table.out().contains("deployment.yaml wso2.carbon/ports/offset"), table.toString());
        assertTrue(table.out().contains("9446"), table.toString());
    }

    private Path apimAnalytics() throws IOException {
        Path home = home("wso2am-analytics-3.2.0", "worker.sh", "dashboard.sh");
        write(home, "conf/worker/deployment.yaml", carbon5(1, SI_TRANSPORTS.replace("port: 7070", "port: 7071")
                .replace("port: 7443", "port: 7444")));
        write(home, "conf/dashboard/deployment.yaml", carbon5(3, """
                wso2.transport.http:
                  listenerConfigurations:
                    - id: "default"
                      port: 9089
                    - id: "default-https"
                      port: 9640
                """));
        return home;
    }

    @Test
    void apimAnalyticsHomeAtOffsetsZeroAndThree() throws Exception {
        String home = apimAnalytics().toString();
        // As shipped: the worker's own offset 1 and the dashboard's 3 give the numbers of WSO2's analytics ports page.
        Map<String, Integer> shipped = ports("ports", "--home", home, "--format", "json");
        assertEquals(Map.of("http", 9091, "https", 9444, "siddhi-store-api-http", 7071, "siddhi-store-api", 7444,
                "thrift", 7612, "thrift-ssl", 7712, "binary", 9612, "binary-ssl", 9712, "dashboard-http", 9092,
                "dashboard", 9643), shipped);
        Map<String, Integer> atThree = ports("ports", "--home", home, "--offset", "3", "--format", "json");
        assertEquals(9446, atThree.get("https"));
        assertEquals(7614, atThree.get("thrift"));
        assertEquals(7444, atThree.get("siddhi-store-api"));
        assertEquals(9643, atThree.get("dashboard"));
    }

    private Path enterpriseIntegrator() throws IOException {
        Path home = home("wso2ei-6.6.0", "integrator.sh");
        String carbon = "<Server xmlns=\"http://wso2.org/projects/carbon/carbon.xml\">\n  <Ports>\n    <Offset>%d</Offset>\n"
                + "    <JMX>\n      <RMIRegistryPort>9999</RMIRegistryPort>\n      <RMIServerPort>11111</RMIServerPort>\n"
                + "    </JMX>\n  </Ports>\n</Server>\n";
        String catalina = """
                <Server port="8005" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector protocol="org.apache.coyote.http11.Http11NioProtocol" port="9763" redirectPort="9443"/>
                    <Connector protocol="org.apache.coyote.http11.Http11NioProtocol" port="9443" scheme="https" secure="true"
                               SSLEnabled="true"/>
                  </Service>
                </Server>
                """;
        write(home, "conf/carbon.xml", carbon.formatted(0));
        write(home, "conf/tomcat/catalina-server.xml", catalina);
        write(home, "conf/axis2/axis2.xml", """
                <axisconfig name="AxisJava2.0">
                  <transportReceiver name="http" class="org.apache.synapse.transport.passthru.PassThroughHttpListener">
                    <parameter name="port" locked="false">8280</parameter>
                  </transportReceiver>
                  <transportReceiver name="https" class="org.apache.synapse.transport.passthru.PassThroughHttpSSLListener">
                    <parameter name="port" locked="false">8243</parameter>
                  </transportReceiver>
                  <clustering class="org.wso2.carbon.core.clustering.hazelcast.HazelcastClusteringAgent" enable="false">
                    <parameter name="membershipScheme">wka</parameter>
                    <parameter name="localMemberPort">4100</parameter>
                  </clustering>
                </axisconfig>
                """);
        write(home, "wso2/business-process/conf/carbon.xml", carbon.formatted(2));
        write(home, "wso2/business-process/conf/tomcat/catalina-server.xml", catalina);
        write(home, "wso2/broker/conf/carbon.xml", carbon.formatted(3));
        write(home, "wso2/broker/conf/tomcat/catalina-server.xml", catalina);
        return home;
    }

    @Test
    void enterpriseIntegratorHomeAtOffsetZeroAndItsBrokerCollisionAtThree() throws Exception {
        String home = enterpriseIntegrator().toString();
        Map<String, Integer> atZero = ports("ports", "--home", home, "--format", "json");
        assertEquals(9443, atZero.get("https"));
        assertEquals(8280, atZero.get("passthrough-http"));
        assertEquals(9999, atZero.get("jmx-rmi-registry"));
        assertEquals(9445, atZero.get("business-process-https"));
        assertEquals(9446, atZero.get("broker-https"));
        assertEquals(5675, atZero.get("broker-amqp"));
        assertFalse(atZero.containsKey("cluster-wka"), "axis2.xml ships clustering off");

        // The integrator at offset 3 binds 9446, where the broker profile runs at its own offset 3.
        CommandResult atThree = TestHome.distribution().berth("ports", "--home", home, "--offset", "3");
        assertEquals(2, atThree.exitCode(), atThree.toString());
        assertEquals(1, atThree.err().lines().count(), atThree.toString());
        assertTrue(atThree.err().contains("9446"), atThree.toString());
        Map<String, Integer> atFour = ports("ports", "--home", home, "--offset", "4", "--format", "json");
        assertEquals(9447, atFour.get("https"));
        assertEquals(8284, atFour.get("passthrough-http"));
        assertEquals(9446, atFour.get("broker-https"));
    }

    @Test
    void hostileCarbonXmlIsOneLineAndReadsNothing() throws Exception {
        Path home = enterpriseIntegrator();
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "top-secret-value");
        write(home, "conf/carbon.xml", "<!DOCTYPE Server [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Server><Ports><Offset>&x;</Offset></Ports></Server>\n");
        CommandResult result = TestHome.distribution().berth("ports", "--home", home.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
        assertTrue(result.err().contains("conf/carbon.xml: malformed or refused XML"), result.toString());
        assertFalse(result.out().contains("top-secret") || result.err().contains("top-secret"), result.toString());
    }

    /**
     * A plan probes the host, and EI's profiles hold ports no offset moves (9445, 9446, ...), which a neighbour's
     * instance may hold on a shared host: the plans run on a host of the test's own, a network namespace.
     */
    private static CommandResult onOwnHost(Path dir, String... args) throws Exception {
        String reason = NetNamespaces.unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, reason);
        try (NetNamespaces net = NetNamespaces.isolated(dir.resolve("netns"))) {
            return TestHome.distribution().on(net.a()).berth(args);
        }
    }

    /**
     * Products planned together: no two instances share a port on a protocol, each named with how it was known. A
     * {@code --product} given with a {@code --home} names that home's product; one given on its own is an instance.
     */
    @Test
    void planAcrossHomesAndProductsStatedAlone() throws Exception {
        CommandResult result = onOwnHost(dir, "plan", "--home", streamingIntegrator().toString(),
                "--home", enterpriseIntegrator().toString(), "--product", "ei-6.6.0", "--product", "is-7.0.0",
                "--product", "mi", "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode instances = JSON.readTree(result.out()).get("instances");
        assertEquals(4, instances.size(), result.toString());
        assertTrue(instances.get(1).get("config").asText().contains("stated by --product ei-6.6.0"), result.toString());
        assertTrue(instances.get(2).get("config").asText().contains("stated by --product is-7.0.0"), result.toString());
        PlanJson.assertNoPortShared(instances, result);
    }

    /** EI's analytics profile and API-M Analytics both keep their dashboards on 9643: no offset can part them. */
    @Test
    void planRefusesTwoHomesWhosePortsNoOffsetMoves() throws Exception {
        Path ei = enterpriseIntegrator();
        write(ei, "wso2/analytics/conf/dashboard/deployment.yaml", carbon5(2, """
                wso2.transport.http:
                  listenerConfigurations:
                    - id: "default-https"
                      port: 9643
                """));
        CommandResult result = onOwnHost(dir, "plan", "--home", ei.toString(), "--home", apimAnalytics().toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
        assertTrue(result.err().contains("9643"), result.toString());
    }

    @Test
    void productStatedOverAHomeSaysSoInEveryView() throws Exception {
        String home = streamingIntegrator().toString();
        CommandResult table = TestHome.distribution().berth("ports", "--home", home, "--product", "si-4.2.0");
        assertEquals(0, table.exitCode(), table.toString());
        assertTrue(table.out().startsWith("Product WSO2 Streaming Integrator 4.2.0 (stated by --product si-4.2.0)"),
                table.toString());
        CommandResult json = TestHome.distribution().berth("ports", "--product", "ei", "--format", "json");
        assertEquals(0, json.exitCode(), json.toString());
        assertEquals("stated by --product ei", JSON.readTree(json.out()).get("product").get("detectedFrom").asText());
        CommandResult unknown = TestHome.distribution().berth("plan", "--product", "websphere");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("Invalid value 'websphere' for option '--product'"), unknown.toString());
    }
}
