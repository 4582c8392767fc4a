package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ports}, {@code plan} and {@code config set-offset} on WSO2 product homes, through the packaged
 * launcher: the cases of {@code shared/cases/wso2-homes.md} as a user meets them. The homes are laid
 * out as WSO2's distributions extract (directory name, launcher, port file); nothing runs.
 */
class Wso2HomesCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path home(String name, String launcher, String configFile, String toml) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin").resolve(launcher), "#!/bin/sh\n");
        Path file = home.resolve(configFile);
        Files.createDirectories(file.getParent());
        Files.writeString(file, toml);
        return home;
    }

    private static Map<String, Integer> enabled(JsonNode report) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        report.get("ports").forEach(port -> {
            if (port.get("enabled").asBoolean()) {
                ports.put(port.get("id").asText(), port.get("effective").asInt());
            }
        });
        return ports;
    }

    @Test
    void w3IdentityServer7HomeListsOnlyItsServletTransportsAndSaysWhatItDetected() throws Exception {
        Path home = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml", "[server]\nhostname = \"localhost\"\n");
        CommandResult result = TestHome.distribution().berth("ports", "--home", home.toString(), "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.err(), result.toString());
        JsonNode report = JSON.readTree(result.out());
        assertEquals(Map.of("https", 9443, "http", 9763), enabled(report));
        assertEquals("wso2is-7", report.get("product").get("catalogue").asText());
        assertEquals("7.0.0", report.get("product").get("version").asText());
        assertTrue(report.get("product").get("detectedFrom").asText().contains("bin/wso2server.sh"), result.toString());

        CommandResult table = TestHome.distribution().berth("ports", "--home", home.toString());
        assertTrue(table.out().startsWith("Product WSO2 Identity Server 7.x 7.0.0 (detected from launcher bin/wso2server.sh,"),
                table.toString());
    }

    @Test
    void w6ApiManagerHomeAtSystemPropertyOffsetTwo() throws Exception {
        Path home = home("wso2am-4.2.0", "api-manager.sh", "repository/conf/deployment.toml", "[server]\nhostname = \"localhost\"\n");
        CommandResult result = TestHome.distribution().berth("ports", "--home", home.toString(), "-DportOffset=2", "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, Integer> ports = enabled(JSON.readTree(result.out()));
        for (int port : List.of(9445, 9765, 8282, 8245, 9613, 9713, 5674, 9101, 10001, 11113)) {
            assertTrue(ports.containsValue(port), port + " in " + ports);
        }
    }

    @Test
    void w7MicroIntegratorHomeUsesItsOwnOffsetRule() throws Exception {
        Path home = home("wso2mi-4.2.0", "micro-integrator.sh", "conf/deployment.toml", "[server]\noffset = 3\n");
        CommandResult result = TestHome.distribution().berth("ports", "--home", home.toString(), "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, Integer> ports = enabled(JSON.readTree(result.out()));
        for (int port : List.of(8283, 8246, 9157, 9194)) {
            assertTrue(ports.containsValue(port), port + " in " + ports);
        }
        for (int port : List.of(9446, 9766, 8003, 10503)) {
            assertTrue(!ports.containsValue(port), port + " in " + ports);
        }
    }

    @Test
    void w8KubernetesSchemeThroughConfigAndHome() throws Exception {
        String toml = "[clustering]\nmembership_scheme = \"kubernetes\"\n";
        Path home = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml", toml);
        CommandResult viaHome = TestHome.distribution().berth("ports", "--home", home.toString(), "--format", "json");
        assertEquals(0, viaHome.exitCode(), viaHome.toString());
        assertEquals(4000, enabled(JSON.readTree(viaHome.out())).get("cluster-wka"));
        CommandResult viaConfig = TestHome.distribution().berth("ports", "--config", home.resolve("repository/conf/deployment.toml").toString(),
                "--format", "json");
        assertEquals(0, viaConfig.exitCode(), viaConfig.toString());
        assertEquals(4000, enabled(JSON.readTree(viaConfig.out())).get("cluster-wka"));
    }

    @Test
    void w10WsoKeysWarnNothingThroughHomeAndOneLineThroughConfig() throws Exception {
        String toml = """
                [server]
                hostname = "localhost"
                [super_admin]
                username = "admin"
                [user_store]
                type = "database_unique_id"
                [database.identity_db]
                type = "h2"
                [database.shared_db]
                type = "h2"
                [truststore]
                file_name = "client-truststore.p12"
                """;
        Path home = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml", toml);
        CommandResult viaHome = TestHome.distribution().berth("ports", "--home", home.toString());
        assertEquals(0, viaHome.exitCode(), viaHome.toString());
        assertEquals("", viaHome.err(), viaHome.toString());
        Path file = home.resolve("repository/conf/deployment.toml");
        CommandResult viaConfig = TestHome.distribution().berth("ports", "--config", file.toString());
        assertEquals(0, viaConfig.exitCode(), viaConfig.toString());
        List<String> lines = viaConfig.err().lines().toList();
        assertEquals(1, lines.size(), viaConfig.toString());
        assertTrue(lines.get(0).startsWith("berth: warning: Berth does not use 5 keys of "), viaConfig.toString());
        CommandResult verbose = TestHome.distribution().berth("ports", "--config", file.toString(), "--verbose");
        assertEquals(5, verbose.err().lines().count(), verbose.toString());
        CommandResult stated = TestHome.distribution().berth("ports", "--config", file.toString(), "--product", "is-7.0.0");
        assertEquals("", stated.err(), stated.toString());
    }

    /** Three products planned together: no two instances share a port on a protocol, and each is named. */
    @Test
    void planAcrossProductsIsTheExactUnionPerProtocol() throws Exception {
        Path is = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml", "[monitoring.jmx]\nrmi_server_start = true\n");
        Path am = home("wso2am-4.2.0", "api-manager.sh", "repository/conf/deployment.toml", "");
        Path mi = home("wso2mi-4.2.0", "micro-integrator.sh", "conf/deployment.toml", "");
        CommandResult result = TestHome.distribution().berth("plan", "--home", is.toString(), "--home", am.toString(), "--home", mi.toString(),
                "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode instances = JSON.readTree(result.out()).get("instances");
        assertEquals(3, instances.size());
        PlanJson.assertNoPortShared(instances, result);
    }

    @Test
    void setOffsetOnAMicroIntegratorHomeEditsItsConfFile() throws Exception {
        Path mi = home("wso2mi-4.2.0", "micro-integrator.sh", "conf/deployment.toml", "# MI\n[server]\nhostname = \"localhost\"\n");
        CommandResult result = TestHome.distribution().berth("config", "set-offset", "4", "--home", mi.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("# MI\n[server]\noffset = 4\nhostname = \"localhost\"\n", Files.readString(mi.resolve("conf/deployment.toml")));
        CommandResult ports = TestHome.distribution().berth("ports", "--home", mi.toString(), "--format", "json");
        assertEquals(8284, enabled(JSON.readTree(ports.out())).get("passthrough-http"));
    }
}
