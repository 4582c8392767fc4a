package io.berth.server.wso2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.PlannedPort;
import io.berth.ports.PortCollisionException;
import io.berth.ports.PortPlan;
import io.berth.ports.TakenPorts;
import io.berth.server.ServerSettings;
import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.DeploymentConfigLoader;
import io.berth.server.config.PortSettings;
import io.berth.server.config.References;
import io.berth.server.config.SocketBindingConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of {@code shared/cases/wso2-homes.md}, W1 to W10, each through the path every command
 * takes ({@link PortSettings}), on fixture homes laid out as WSO2's distributions are extracted.
 */
class Wso2HomesTest {

    private static final References NO_REFERENCES = new References(name -> null, name -> null);

    @TempDir
    Path dir;

    /** An extracted distribution: the directory name, the launcher, and the port file at its place. */
    private Path home(String name, String launcher, String configFile, String toml) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin").resolve(launcher), "#!/bin/sh\n");
        Path file = home.resolve(configFile);
        Files.createDirectories(file.getParent());
        Files.writeString(file, toml);
        return home;
    }

    private Path berthFile(String toml) throws IOException {
        Path file = dir.resolve("deployment.toml");
        Files.writeString(file, toml);
        return file;
    }

    private static PortPlan plan(PortSettings settings, String option) {
        return settings.plan(settings.requestedOffset(option, null), new TakenPorts(), (port, protocol) -> true);
    }

    private static Map<String, Integer> enabled(PortPlan plan) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (PlannedPort port : plan.enabledPorts()) {
            ports.put(port.id(), port.effective());
        }
        return ports;
    }

    @Test
    void w1BerthFileWithQuotedHttpsPortAndProxyPort() throws IOException {
        DeploymentConfig config = new DeploymentConfigLoader(NO_REFERENCES).load(berthFile("""
                [transport.https.properties]
                port = "443"
                proxyPort = "443"
                """));
        ServerSettings.validate(config);
        PortSettings settings = PortSettings.of(config);
        assertEquals(443, plan(settings, null).effective("https"));
        PortPlan atThree = plan(settings, "3");
        assertEquals(446, atThree.effective("https"));
        assertEquals(443, SocketBindingConfiguration.read(config).advertised(atThree, "https").port(),
                "URLs use proxyPort, which is never offset");
    }

    @Test
    void w2QuotedMemberPortIsANumber() throws IOException {
        PortSettings settings = PortSettings.of(new DeploymentConfigLoader(NO_REFERENCES).load(berthFile("""
                [clustering]
                membership_scheme = "wka"
                local_member_port = "4001"
                """)));
        assertEquals(4001, plan(settings, null).effective("cluster-wka"));
    }

    @Test
    void w3IdentityServer7ListsOnlyTheServletTransports() throws IOException {
        Path home = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml", "[server]\nhostname = \"localhost\"\n");
        PortSettings settings = PortSettings.ofHome(home, null, NO_REFERENCES);
        assertEquals("wso2is-7", settings.product().catalogue().id());
        assertEquals("7.0.0", settings.product().version().toString());
        assertEquals("detected from launcher bin/wso2server.sh, directory name wso2is-7.0.0", settings.product().detectedFrom());
        assertEquals(Map.of("https", 9443, "http", 9763), enabled(plan(settings, null)));
        assertEquals(List.of(), settings.unusedKeys());
    }

    @Test
    void w4IdentityServer59AddsJmxWithWso2sNumbering() throws IOException {
        Path home = home("wso2is-5.9.0", "wso2server.sh", "repository/conf/deployment.toml", "[server]\nhostname = \"localhost\"\n");
        PortSettings settings = PortSettings.ofHome(home, null, NO_REFERENCES);
        assertEquals(Map.of("https", 9443, "http", 9763, "jmx-rmi-registry", 9999, "jmx-rmi-server", 11111),
                enabled(plan(settings, null)));
    }

    @Test
    void w5IdentityServer7MemberPortIsBoundAsWritten() throws IOException {
        Path home = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml", """
                [server]
                offset = 1
                [clustering]
                membership_scheme = "wka"
                local_member_port = "4000"
                """);
        PortPlan plan = plan(PortSettings.ofHome(home, null, NO_REFERENCES), null);
        assertEquals(Map.of("https", 9444, "http", 9764, "cluster-wka", 4000), enabled(plan));
    }

    @Test
    void w6ApiManager42AtSystemPropertyOffsetTwo() throws IOException {
        Path home = home("wso2am-4.2.0", "api-manager.sh", "repository/conf/deployment.toml", "[server]\nhostname = \"localhost\"\n");
        PortSettings settings = PortSettings.ofHome(home, null, NO_REFERENCES);
        PortPlan plan = settings.plan(settings.requestedOffset(null, "2"), new TakenPorts(), (port, protocol) -> true);
        Map<String, Integer> ports = enabled(plan);
        Map<String, Integer> expected = Map.of("https", 9445, "http", 9765, "passthrough-http", 8282, "passthrough-https", 8245,
                "traffic-manager-binary", 9613, "traffic-manager-binary-ssl", 9713, "broker", 5674, "websocket", 9101,
                "jmx-rmi-registry", 10001, "jmx-rmi-server", 11113);
        expected.forEach((id, port) -> assertEquals(port, ports.get(id), id));
        // default.json of API-M also opens the secure WebSocket transport, 8099 + offset.
        assertEquals(8101, ports.get("websocket-secure"));
        assertEquals(expected.size() + 1, ports.size(), ports.toString());
    }

    @Test
    void w7MicroIntegratorHomeIsNotReadAsABerthHome() throws IOException {
        Path home = home("wso2mi-4.2.0", "micro-integrator.sh", "conf/deployment.toml", "[server]\noffset = 3\n");
        PortSettings settings = PortSettings.ofHome(home, null, NO_REFERENCES);
        assertEquals("micro-integrator", settings.product().catalogue().product());
        Map<String, Integer> ports = enabled(plan(settings, null));
        assertEquals(8283, ports.get("passthrough-http"));
        assertEquals(8246, ports.get("passthrough-https"));
        assertEquals(9157, ports.get("management-api-https"));
        assertEquals(9194, ports.get("management-api-http"));
        for (int never : List.of(9446, 9766, 8003, 10503)) {
            assertFalse(ports.containsValue(never), never + " in " + ports);
        }
    }

    @Test
    void w8KubernetesSchemeIsAcceptedAndCountsTheMemberPort() throws IOException {
        String toml = """
                [clustering]
                membership_scheme = "kubernetes"
                local_member_port = "4000"
                """;
        Path home = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml", toml);
        assertEquals(4000, enabled(plan(PortSettings.ofHome(home, null, NO_REFERENCES), "2")).get("cluster-wka"));
        DeploymentConfig config = new DeploymentConfigLoader(NO_REFERENCES).load(berthFile(toml));
        ServerSettings.validate(config);
        assertEquals(4002, enabled(plan(PortSettings.of(config), "2")).get("cluster-wka"));
    }

    @Test
    void w9RegistryPortAloneNamesBothKeysWso2sNumberingAndTheFix() throws IOException {
        DeploymentConfig config = new DeploymentConfigLoader(NO_REFERENCES).load(berthFile("""
                [monitoring.jmx]
                rmi_registry_port = 9999
                """));
        // Refused as the file is read, before any offset: every command names the same two keys.
        PortCollisionException collision = assertThrows(PortCollisionException.class, () -> PortSettings.of(config));
        String message = collision.getMessage();
        assertTrue(message.contains("[monitoring.jmx] rmi_registry_port set to 9999"), message);
        assertTrue(message.contains("[monitoring.jmx] rmi_server_port at its default 9999"), message);
        assertTrue(message.contains("WSO2's code numbers them the other way round"), message);
        assertTrue(message.contains("rmi_registry_port = 9999 and [monitoring.jmx] rmi_server_port = 11111"), message);
    }

    /** A real Identity Server file (keys from the shipped deployment.toml of IS 7.0.0 and its docs). */
    private static final String IS_FILE = """
            [server]
            hostname = "localhost"
            node_ip = "127.0.0.1"
            base_path = "https://$ref{server.hostname}:${carbon.management.port}"

            [super_admin]
            username = "admin"
            password = "admin"
            create_admin_account = true

            [user_store]
            type = "database_unique_id"

            [database.identity_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2IDENTITY_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000"
            username = "wso2carbon"
            password = "wso2carbon"

            [database.shared_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000"
            username = "wso2carbon"
            password = "wso2carbon"

            [keystore.primary]
            file_name = "wso2carbon.p12"
            password = "wso2carbon"
            type = "PKCS12"

            [truststore]
            file_name = "client-truststore.p12"
            password = "wso2carbon"
            type = "PKCS12"

            [account_recovery.endpoint.auth]
            hash = "66cd9688a2ae068244ea01e70f0e230f5623b7fa4cdecb65070a09ec06452262"

            [identity.auth_framework.endpoint]
            app_password = "dashboard"
            """;

    @Test
    void w10RealIdentityServerFileThroughHomeWarnsNothing() throws IOException {
        Path home = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml", IS_FILE);
        PortSettings settings = PortSettings.ofHome(home, null, NO_REFERENCES);
        assertEquals(List.of(), settings.unusedKeys());
        assertEquals(Map.of("https", 9443, "http", 9763), enabled(plan(settings, null)));
    }

    @Test
    void w10RealIdentityServerFileThroughConfigListsUnusedKeysForOneSummaryLine() throws IOException {
        // keystore.primary.password and type are Berth keys too; "PKCS12" is a type Berth reads.
        PortSettings settings = PortSettings.ofBerthFile(berthFile(IS_FILE.replace("file_name = \"wso2carbon.p12\"\n", "")),
                true, NO_REFERENCES);
        assertTrue(settings.unusedKeys().size() > 10, settings.unusedKeys().toString());
        assertTrue(settings.unusedKeys().stream().anyMatch(key -> key.contains("[user_store] type")), settings.unusedKeys().toString());
    }

    @Test
    void productIsDetectedFromUpdatesProductTxtAndStatedByOption() throws IOException {
        Path home = home("identity", "wso2server.sh", "repository/conf/deployment.toml", "");
        Files.createDirectories(home.resolve("updates"));
        Files.writeString(home.resolve("updates/product.txt"), "wso2is-5.10.0\n");
        PortSettings detected = PortSettings.ofHome(home, null, NO_REFERENCES);
        assertEquals("wso2is-5.10", detected.product().catalogue().id());
        assertTrue(detected.product().detectedFrom().contains("updates/product.txt"), detected.product().detectedFrom());
        PortSettings stated = PortSettings.ofHome(home, "is-5.9.0", NO_REFERENCES);
        assertEquals("wso2is-5.9", stated.product().catalogue().id());
        assertEquals("stated by --product is-5.9.0", stated.product().detectedFrom());
        ConfigException unknown = assertThrows(ConfigException.class, () -> PortSettings.ofHome(home, "websphere", NO_REFERENCES));
        assertTrue(unknown.getMessage().startsWith("Invalid value 'websphere' for option '--product'"), unknown.getMessage());
    }

    @Test
    void aHomeOfNoKnownProductIsOneLineNamingTheDirectory() {
        ConfigException error = assertThrows(ConfigException.class, () -> PortSettings.ofHome(dir, null, NO_REFERENCES));
        assertTrue(error.getMessage().startsWith(dir + ": not a Berth home"), error.getMessage());
    }

    @Test
    void aBadWso2PortNamesFileLineAndKey() throws IOException {
        Path home = home("wso2is-7.0.0", "wso2server.sh", "repository/conf/deployment.toml",
                "[clustering]\nmembership_scheme = \"wka\"\nlocal_member_port = \"x\"\n");
        ConfigException error = assertThrows(ConfigException.class, () -> PortSettings.ofHome(home, null, NO_REFERENCES));
        assertTrue(error.getMessage().endsWith("deployment.toml:3: [clustering] local_member_port must be a whole number (was \"x\")"),
                error.getMessage());
    }

    @Test
    void wso2ReferencesResolveAsConfigMapperDoes() throws IOException {
        Path home = home("wso2am-4.2.0", "api-manager.sh", "repository/conf/deployment.toml", """
                [server]
                offset = "$env{OFFSET}"
                [transport.https.properties]
                port = "$sys{https.port}"
                [monitoring.jmx]
                rmi_server_start = "false"
                """);
        References references = new References(Map.of("OFFSET", "410")::get, Map.of("https.port", "9543")::get);
        Map<String, Integer> ports = enabled(plan(PortSettings.ofHome(home, null, references), null));
        assertEquals(9953, ports.get("https"));
        assertFalse(ports.containsKey("jmx-rmi-server"));
    }
}
