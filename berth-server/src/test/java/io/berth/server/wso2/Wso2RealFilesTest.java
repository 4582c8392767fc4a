package io.berth.server.wso2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortCollisionException;
import io.berth.ports.PortPlan;
import io.berth.ports.TakenPorts;
import io.berth.server.config.ConfigException;
import io.berth.server.config.HomeDetector;
import io.berth.server.config.PortSettings;
import io.berth.server.config.References;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real WSO2 files ({@code src/test/resources/wso2-real}, see its SOURCES.md) laid out as each product's
 * distribution extracts them, read through the path every command takes ({@link PortSettings#ofHome}), at
 * offsets 0 and 3. Each expected number is what WSO2 binds, from the catalogue's cited source: the product's
 * default-ports page where it gives the effective number, else the code named in the comment.
 */
class Wso2RealFilesTest {

    private static final References NO_REFERENCES = new References(name -> null, name -> null);

    @TempDir
    Path dir;

    private Path home(String name, String launcher) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin").resolve(launcher), "#!/bin/sh\n");
        return home;
    }

    /** Copies the fixture {@code fixture} to {@code relative} in {@code home}. */
    private static void put(Path home, String relative, String fixture) throws IOException {
        Path target = home.resolve(relative);
        Files.createDirectories(target.getParent());
        try (InputStream in = Wso2RealFilesTest.class.getResourceAsStream("/wso2-real/" + fixture)) {
            Files.copy(in, target);
        }
    }

    private static Map<String, Integer> at(PortSettings settings, String offset) {
        PortPlan plan = settings.plan(settings.requestedOffset(offset, null), new TakenPorts(), (port, protocol) -> true);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (PlannedPort port : plan.enabledPorts()) {
            ports.put(port.id(), port.effective());
        }
        return ports;
    }

    private Path streamingIntegrator() throws IOException {
        Path home = home("wso2si-4.2.0", "server.sh");
        put(home, "conf/server/deployment.yaml", "si-4-server.yaml");
        return home;
    }

    /**
     * SI 4.x: MSF4J (2.7.5 and later, MicroservicesServerSC) adds the offset to wso2.transport.http, the data bridge
     * to its Thrift and binary receivers (the SI default-ports page); the Siddhi Store API binds as written (StoresApi).
     */
    @Test
    void streamingIntegratorAtOffsetsZeroAndThree() throws IOException {
        PortSettings si = PortSettings.ofHome(streamingIntegrator(), null, NO_REFERENCES);
        assertEquals("wso2si", si.product().catalogue().id());
        assertEquals(OffsetSource.DEPLOYMENT_YAML, si.offset().source());
        assertEquals("0", si.offset().value());
        assertEquals(Map.of("http", 9090, "https", 9443, "store-api-http", 7070, "store-api-https", 7443, "thrift", 7611,
                "thrift-ssl", 7711, "binary", 9611, "binary-ssl", 9711), at(si, null));
        assertEquals(Map.of("http", 9093, "https", 9446, "store-api-http", 7070, "store-api-https", 7443, "thrift", 7614,
                "thrift-ssl", 7714, "binary", 9614, "binary-ssl", 9714), at(si, "3"));
    }

    @Test
    void streamingIntegratorOffsetAndPortsAreReadFromItsDeploymentYaml() throws IOException {
        Path home = streamingIntegrator();
        Path yaml = home.resolve("conf/server/deployment.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("offset: 0", "offset: 3").replace("port: 9090",
                "port: ${env:SI_HTTP_PORT,9190}").replace("tcpPort: '7611'", "tcpPort: '${sys:thrift.port}'"));
        References references = new References(name -> null, Map.of("thrift.port", "7621")::get);
        PortSettings si = PortSettings.ofHome(home, null, references);
        assertEquals("3", si.offset().value());
        Map<String, Integer> ports = at(si, null);
        assertEquals(9193, ports.get("http"), "the placeholder's default, plus the file's offset");
        assertEquals(7624, ports.get("thrift"));
        assertEquals(7070, ports.get("store-api-http"));
        ConfigException undefined = assertThrows(ConfigException.class, () -> PortSettings.ofHome(home, null, NO_REFERENCES));
        assertTrue(undefined.getMessage().contains("'${sys:thrift.port}'") || undefined.getMessage().contains("thrift.port"),
                undefined.getMessage());
    }

    private Path apimAnalytics() throws IOException {
        Path home = home("wso2am-analytics-3.2.0", "worker.sh");
        Files.writeString(home.resolve("bin/dashboard.sh"), "#!/bin/sh\n");
        put(home, "conf/worker/deployment.yaml", "am-analytics-3-worker.yaml");
        put(home, "conf/dashboard/deployment.yaml", "am-analytics-3-dashboard.yaml");
        return home;
    }

    /**
     * API-M Analytics 3.x as shipped: the worker at its file's offset 1, the dashboard at its own file's 3. The
     * "Default Ports of WSO2 API-M Analytics" page lists 7612, 7712, 7444, 9444 and 9643.
     */
    @Test
    void apimAnalyticsWorkerAndDashboardEachAtTheirOwnOffset() throws IOException {
        PortSettings analytics = PortSettings.ofHome(apimAnalytics(), null, NO_REFERENCES);
        assertEquals("wso2am-analytics-3", analytics.product().catalogue().id());
        Map<String, Integer> shipped = at(analytics, null);
        assertEquals(Map.of("http", 9091, "https", 9444, "siddhi-store-api-http", 7071, "siddhi-store-api", 7444,
                "thrift", 7612, "thrift-ssl", 7712, "binary", 9612, "binary-ssl", 9712, "dashboard-http", 9092,
                "dashboard", 9643), shipped);
        Map<String, Integer> atThree = at(analytics, "3");
        assertEquals(Map.of("http", 9093, "https", 9446, "siddhi-store-api-http", 7071, "siddhi-store-api", 7444,
                "thrift", 7614, "thrift-ssl", 7714, "binary", 9614, "binary-ssl", 9714, "dashboard-http", 9092,
                "dashboard", 9643), atThree, "the dashboard keeps its own offset whatever the worker's");
    }

    private Path enterpriseIntegrator() throws IOException {
        Path home = home("wso2ei-6.6.0", "integrator.sh");
        put(home, "conf/carbon.xml", "ei-6-carbon.xml");
        put(home, "conf/axis2/axis2.xml", "ei-6-axis2.xml");
        put(home, "conf/tomcat/catalina-server.xml", "ei-6-catalina-server.xml");
        put(home, "wso2/business-process/conf/carbon.xml", "ei-6-business-process-carbon.xml");
        put(home, "wso2/business-process/conf/tomcat/catalina-server.xml", "ei-6-catalina-server.xml");
        put(home, "wso2/broker/conf/carbon.xml", "ei-6-broker-carbon.xml");
        put(home, "wso2/broker/conf/tomcat/catalina-server.xml", "ei-6-catalina-server.xml");
        put(home, "wso2/analytics/conf/worker/deployment.yaml", "ei-6-analytics-worker.yaml");
        put(home, "wso2/analytics/conf/dashboard/deployment.yaml", "ei-6-analytics-dashboard.yaml");
        return home;
    }

    private static final Map<String, Integer> EI_PROFILES = Map.ofEntries(
            Map.entry("business-process-https", 9445), Map.entry("business-process-http", 9765),
            Map.entry("broker-https", 9446), Map.entry("broker-http", 9766), Map.entry("broker-amqp", 5675),
            Map.entry("broker-mqtt", 1886), Map.entry("analytics-http", 9091), Map.entry("analytics-https", 9444),
            Map.entry("analytics-thrift", 7612), Map.entry("analytics-thrift-ssl", 7712), Map.entry("analytics-binary", 9611),
            Map.entry("analytics-binary-ssl", 9711), Map.entry("analytics-dashboard", 9643));

    /**
     * EI 6.x as shipped: the integrator at carbon.xml's offset 0 (servlet ports from catalina-server.xml, pass-through
     * from axis2.xml, JMX from carbon.xml, JMX on as jmx.xml ships it), each profile at its own file's offset.
     */
    @Test
    void enterpriseIntegratorAtOffsetZeroWithEveryProfile() throws IOException {
        PortSettings ei = PortSettings.ofHome(enterpriseIntegrator(), null, NO_REFERENCES);
        assertEquals("wso2ei-6", ei.product().catalogue().id());
        assertEquals(OffsetSource.CARBON_XML, ei.offset().source());
        Map<String, Integer> expected = new LinkedHashMap<>(Map.of("https", 9443, "http", 9763, "passthrough-http", 8280,
                "passthrough-https", 8243, "jmx-rmi-registry", 9999, "jmx-rmi-server", 11111));
        expected.putAll(EI_PROFILES);
        assertEquals(expected, at(ei, null));
    }

    /** At offset 3 the integrator lands on the broker profile's own offset 3: WSO2 would fail to bind 9446. */
    @Test
    void enterpriseIntegratorAtOffsetThreeCollidesWithItsBrokerProfile() throws IOException {
        PortSettings ei = PortSettings.ofHome(enterpriseIntegrator(), null, NO_REFERENCES);
        PortCollisionException collision = assertThrows(PortCollisionException.class, () -> at(ei, "3"));
        assertTrue(collision.getMessage().contains("9446"), collision.getMessage());
        Path home = dir.resolve("wso2ei-6.6.0");
        Path broker = home.resolve("wso2/broker/conf/carbon.xml");
        Files.writeString(broker, Files.readString(broker).replace("<Offset>3</Offset>", "<Offset>7</Offset>"));
        Map<String, Integer> ports = at(PortSettings.ofHome(home, null, NO_REFERENCES), "3");
        assertEquals(9446, ports.get("https"));
        assertEquals(8283, ports.get("passthrough-http"));
        assertEquals(10002, ports.get("jmx-rmi-registry"));
        assertEquals(9450, ports.get("broker-https"), "the broker follows the offset its own carbon.xml now sets");
        assertEquals(5679, ports.get("broker-amqp"));
        assertEquals(9445, ports.get("business-process-https"));
    }

    @Test
    void enterpriseIntegratorClusteringAndTheOffsetInCarbonXml() throws IOException {
        Path home = enterpriseIntegrator();
        Path axis2 = home.resolve("conf/axis2/axis2.xml");
        Files.writeString(axis2, Files.readString(axis2).replace("enable=\"false\"", "enable=\"true\""));
        Path carbon = home.resolve("conf/carbon.xml");
        Files.writeString(carbon, Files.readString(carbon).replace("<Offset>0</Offset>", "<Offset>10</Offset>"));
        Map<String, Integer> ports = at(PortSettings.ofHome(home, null, NO_REFERENCES), null);
        assertEquals(9453, ports.get("https"));
        assertEquals(4100, ports.get("cluster-wka"), "EI ships localMemberPort 4100; WSO2 binds it as written");
        assertFalse(ports.containsKey("cluster-multicast"), "the shipped scheme is wka");
    }

    /** {@code berth host} finds an EI profile by its carbon.home, the profile's directory: it is planned with its home. */
    @Test
    void aProfileDirectoryIsPlannedWithItsEnterpriseIntegratorHome() throws IOException {
        Path home = enterpriseIntegrator();
        Path broker = home.resolve("wso2/broker");
        assertEquals(home.toAbsolutePath().normalize(), HomeDetector.enclosingHome(broker));
        PortSettings settings = PortSettings.ofHome(broker, null, NO_REFERENCES);
        assertEquals("wso2ei-6", settings.product().catalogue().id());
        assertTrue(settings.product().detectedFrom().contains("wso2/broker is a profile of the home"),
                settings.product().detectedFrom());
        assertEquals(9446, at(settings, null).get("broker-https"));
    }

    @Test
    void hostileXmlReadsNoFileAndReachesNoNetwork() throws IOException {
        Path home = enterpriseIntegrator();
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "9999-secret-content");
        Files.writeString(home.resolve("conf/carbon.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE Server [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]>\n<Server><Ports><Offset>&x;</Offset></Ports></Server>\n");
        ConfigException refused = assertThrows(ConfigException.class, () -> at(PortSettings.ofHome(home, null, NO_REFERENCES), null));
        assertTrue(refused.getMessage().startsWith(home.resolve("conf/carbon.xml") + ": malformed or refused XML"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("secret-content"), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
    }

    @Test
    void hostileYamlConstructsNoObject() throws IOException {
        Path home = streamingIntegrator();
        Files.writeString(home.resolve("conf/server/deployment.yaml"),
                "wso2.carbon: !!java.io.File [\"/etc/passwd\"]\n");
        ConfigException refused = assertThrows(ConfigException.class, () -> PortSettings.ofHome(home, null, NO_REFERENCES));
        assertTrue(refused.getMessage().startsWith(home.resolve("conf/server/deployment.yaml") + ": malformed YAML"),
                refused.getMessage());
        Files.writeString(home.resolve("conf/server/deployment.yaml"), "wso2.carbon:\n  ports:\n    offset: x3\n");
        PortSettings bad = PortSettings.ofHome(home, null, NO_REFERENCES);
        RuntimeException badOffset = assertThrows(RuntimeException.class, () -> at(bad, null));
        assertTrue(badOffset.getMessage().contains("deployment.yaml wso2.carbon/ports/offset"), badOffset.getMessage());
    }

    /** IS 7 as shipped: the servlet transports only (JMX off since 5.10, KDC and Thrift off unless enabled). */
    @Test
    void identityServerAsShipped() throws IOException {
        Path home = home("wso2is-7.1.0", "wso2server.sh");
        put(home, "repository/conf/deployment.toml", "is-default-deployment.toml");
        PortSettings is = PortSettings.ofHome(home, null, NO_REFERENCES);
        assertEquals(Map.of("https", 9443, "http", 9763), at(is, null));
        assertEquals(Map.of("https", 9446, "http", 9766), at(is, "3"));
        assertTrue(is.unusedKeys().isEmpty());
    }

    /** Undefined {@code $env{}} references in keys that hold no port are WSO2's business, as config-mapper resolves lazily. */
    @Test
    void identityServerWithReferencesBerthDoesNotRead() throws IOException {
        Path home = home("wso2is-7.1.0", "wso2server.sh");
        put(home, "repository/conf/deployment.toml", "is-env-references-deployment.toml");
        assertEquals(Map.of("https", 9443, "http", 9763), at(PortSettings.ofHome(home, null, NO_REFERENCES), null));
    }

    /** API-M 4.x all-in-one as shipped (its default-product-ports page), JMX on. */
    @Test
    void apiManagerAsShipped() throws IOException {
        Path home = home("wso2am-4.5.0", "api-manager.sh");
        put(home, "repository/conf/deployment.toml", "apim-default-deployment.toml");
        PortSettings am = PortSettings.ofHome(home, null, NO_REFERENCES);
        Map<String, Integer> ports = at(am, null);
        Map<String, Integer> expected = Map.of("https", 9443, "http", 9763, "passthrough-http", 8280, "passthrough-https", 8243,
                "traffic-manager-binary", 9611, "traffic-manager-binary-ssl", 9711, "broker", 5672, "websocket", 9099,
                "jmx-rmi-registry", 9999, "jmx-rmi-server", 11111);
        expected.forEach((id, port) -> assertEquals(port, ports.get(id), id));
        assertEquals(9446, at(am, "3").get("https"));
    }

    /** {@code --product} alone: the catalogue's defaults; with a home it replaces detection and says so. */
    @Test
    void aProductStatedAloneOrOverAHome() throws IOException {
        PortSettings si = PortSettings.ofProduct(HomeDetector.stated("si"));
        assertEquals(null, si.file());
        assertEquals(9611, at(si, null).get("binary"));
        assertTrue(si.source().contains("stated by --product si"), si.source());
        PortSettings ei = PortSettings.ofHome(enterpriseIntegrator(), "ei-6.5.0", NO_REFERENCES);
        assertEquals("stated by --product ei-6.5.0", ei.product().detectedFrom());
        assertEquals(8280, at(ei, null).get("passthrough-http"));
    }

    /** {@code --config FILE --product si}: a product whose ports are in YAML or in several files is read from its home. */
    @Test
    void aYamlFileGivenByItselfIsReadFromTheHomeItLiesIn() throws IOException {
        Path home = streamingIntegrator();
        PortSettings si = PortSettings.ofWso2File(home.resolve("conf/server/deployment.yaml"), HomeDetector.stated("si"),
                NO_REFERENCES);
        assertEquals(9614, at(si, "3").get("binary"));
        Path stray = dir.resolve("deployment.yaml");
        Files.copy(home.resolve("conf/server/deployment.yaml"), stray);
        ConfigException refused = assertThrows(ConfigException.class,
                () -> PortSettings.ofWso2File(stray, HomeDetector.stated("si"), NO_REFERENCES));
        assertTrue(refused.getMessage().endsWith("keeps its ports in conf/server/deployment.yaml and the files beside it;"
                + " give its home with --home DIR"), refused.getMessage());
    }
}
