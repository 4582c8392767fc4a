package io.berth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.Feature;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortPlan;
import io.berth.ports.RequestedOffset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Wso2ConfigTest {

    private static final References REFERENCES = new References(Map.of("HTTPS", "9543")::get, name -> null);

    @TempDir
    Path home;

    @Test
    void anIdentityServerHomeIsReadWithWso2sDefaults() throws Exception {
        Files.createDirectories(home.resolve("repository/conf/identity"));
        Files.writeString(home.resolve("repository/conf/deployment.toml"), """
                [server]
                hostname = "localhost"
                node_ip = "127.0.0.1"
                base_path = "https://$ref{server.hostname}:${carbon.management.port}"
                offset = 2

                [super_admin]
                username = "admin"

                [transport.https]
                properties.port = "$env{HTTPS}"
                """);
        PortSettings settings = PortSettings.ofHome(home, REFERENCES);
        assertEquals(PortSettings.HomeKind.WSO2, settings.kind());
        assertEquals("identity-server", settings.product());
        PortPlan plan = settings.layout().at(io.berth.ports.Offset.of(
                RequestedOffset.parse(settings.offset()).value(), OffsetSource.CONFIG));
        assertEquals(9545, plan.effective("https"));
        assertEquals(9765, plan.effective("http"));
        assertEquals(10001, plan.effective("jmx-rmi-registry"), "WSO2's RMI registry is 9999");
        assertEquals(11113, plan.effective("jmx-rmi-server"), "WSO2's RMI server is 11111");
        assertFalse(settings.layout().features().contains(Feature.KDC), "WSO2 ships the embedded KDC off");
    }

    @Test
    void aBerthHomeWinsAndNeitherIsAnErrorNamingTheDirectory() throws Exception {
        ConfigException error = assertThrows(ConfigException.class, () -> PortSettings.ofHome(home, REFERENCES));
        assertTrue(error.getMessage().startsWith(home + ": not a Berth home"), error.getMessage());
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/deployment.toml"), "[server]\nproduct = \"carbon\"\n");
        assertEquals(PortSettings.HomeKind.BERTH, PortSettings.ofHome(home, REFERENCES).kind());
    }

    @Test
    void aBadPortNamesFileLineAndKey() throws Exception {
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("repository/conf/deployment.toml"), "[clustering]\nmembership_scheme = \"wka\"\nlocal_member_port = \"x\"\n");
        ConfigException error = assertThrows(ConfigException.class, () -> PortSettings.ofHome(home, REFERENCES));
        assertTrue(error.getMessage().endsWith("deployment.toml:3: [clustering] local_member_port must be a whole number (was \"x\")"),
                error.getMessage());
    }
}
