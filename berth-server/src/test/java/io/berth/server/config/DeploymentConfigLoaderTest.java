package io.berth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.Feature;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortPlan;
import io.berth.ports.RequestedOffset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeploymentConfigLoaderTest {

    @TempDir
    Path dir;

    private final DeploymentConfigLoader loader = new DeploymentConfigLoader(new References(
            Map.of("HTTPS_PORT", "8443", "OFFSET", "7", "NAME", "node-a")::get,
            Map.of("jmx.on", "false")::get));

    private DeploymentConfig load(String toml) throws IOException {
        Path file = dir.resolve("deployment.toml");
        Files.writeString(file, toml);
        return loader.load(file);
    }

    @Test
    void wso2PortsSectionIsReadWithWso2KeyNames() throws IOException {
        DeploymentConfig config = load("""
                [server]
                hostname = "localhost"
                offset = 2
                [transport.https.properties]
                port = 9500
                [clustering]
                membership_scheme = "wka"
                local_member_port = 4100
                members = ["10.0.0.5:4000", "10.0.0.6:4000"]
                """);
        assertEquals(List.of(), config.warnings());
        PortPlan plan = PortSettings.of(config).plan(null, (port, protocol) -> true);
        assertEquals(9502, plan.effective("https"));
        assertEquals(4102, plan.effective("cluster-wka"));
        assertEquals(OffsetSource.CONFIG, plan.offset().source());
        assertEquals(List.of("10.0.0.5:4000", "10.0.0.6:4000"), config.strings("clustering.members"));
    }

    /** A key part may hold a dot or a quote; the tables above such a key are named from its parts, not its dots. */
    @Test
    void aQuotedKeyPartWithADotIsAKeyLikeAnyOther() throws IOException {
        DeploymentConfig config = load("""
                transport.https.properties.port = 9444
                "transport"."h3.x".'properties'.port = 9443
                "a\\"b".c = 1
                """);
        assertEquals(Optional.of(9444), config.integer("transport.https.properties.port"));
        assertEquals(2, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().get(0).contains(":2: [transport.\"h3.x\".properties] port is not a key Berth uses"),
                config.warnings().toString());
    }

    @Test
    void referencesResolveFromEnvironmentAndSystemProperties() throws IOException {
        DeploymentConfig config = load("""
                [server]
                hostname = "$env{NAME}.example"
                offset = "$env{OFFSET}"
                [transport.https.properties]
                port = "$env{HTTPS_PORT}"
                [monitoring.jmx]
                rmi_server_start = "$sys{jmx.on}"
                """);
        assertEquals("node-a.example", config.string("server.hostname").orElseThrow());
        assertEquals(8443, config.integer("transport.https.properties.port").orElseThrow());
        assertEquals(new RequestedOffset(OffsetSource.CONFIG, false, 7), PortSettings.of(config).requestedOffset(null, null));
        assertFalse(PortConfiguration.features(config).contains(Feature.JMX));
    }

    @Test
    void undefinedReferenceNamesItToTheReaderOfItsKeyOnly() throws IOException {
        DeploymentConfig config = load("[server]\nhostname = \"$env{NOPE}\"\noffset = 2\n");
        assertEquals("2", config.scalar("server.offset").orElseThrow(), "a key without the reference reads as usual");
        ConfigException error = assertThrows(ConfigException.class, () -> config.string("server.hostname"));
        assertEquals(dir.resolve("deployment.toml") + ":2: [server] hostname refers to $env{NOPE}, but environment variable 'NOPE' is not defined",
                error.getMessage());
    }

    /** System.getProperty("") throws IllegalArgumentException, so an empty name must not reach it. */
    @Test
    void aReferenceNamingNothingIsAnError() {
        ConfigException error = assertThrows(ConfigException.class, () -> load("[server]\nhostname = \"$sys{}\"\n"));
        assertEquals(dir.resolve("deployment.toml") + ":2: [server] hostname refers to $sys{}, which names no system property", error.getMessage());
    }

    /** tomlj's own NullPointerException on an offset date-time whose offset is cut short. */
    @Test
    void malformedTomlThatTomljFailsOnIsAnError() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> loader.read(Path.of("deployment.toml"), "[server]\nstarted = 1979-05-27T07:32:00-05-\n"));
        assertEquals("deployment.toml: malformed TOML that the parser failed on: java.lang.NullPointerException: offset",
                error.getMessage());
    }

    /** tomlj's parser and its walk over the keys recurse once per level and overflow the stack. */
    @ParameterizedTest
    @MethodSource("deepNesting")
    void nestingTooDeepToReadIsAnError(String toml) {
        ConfigException error = assertThrows(ConfigException.class, () -> loader.read(Path.of("deployment.toml"), toml));
        assertEquals("deployment.toml: nested too deeply to read (arrays or inline tables inside one another,"
                + " or keys of too many parts)", error.getMessage());
    }

    static List<String> deepNesting() {
        return List.of(
                "a = " + "[".repeat(20_000) + "]".repeat(20_000),
                "a = " + "{b = ".repeat(20_000) + "1" + "}".repeat(20_000),
                "a.".repeat(20_000) + "b = 1");
    }

    @Test
    void malformedTomlGivesLineAndColumn() {
        ConfigException error = assertThrows(ConfigException.class, () -> load("[server]\noffset = = 3\n"));
        assertTrue(error.getMessage().matches(".*deployment\\.toml:2:\\d+: malformed TOML: .*"), error.getMessage());
    }

    /** tomlj throws these rather than return them with the other parse errors. */
    @ParameterizedTest
    @ValueSource(strings = {"[\"\\Ux\"]", "[server]\n[[\"\\u12\"]]", "[\"\\E\"]"})
    void aBadEscapeInATableNameIsMalformedToml(String toml) {
        ConfigException error = assertThrows(ConfigException.class, () -> loader.read(Path.of("deployment.toml"), toml));
        assertTrue(error.getMessage().matches("deployment\\.toml:\\d+:\\d+: malformed TOML: Invalid .*escape sequence.*"),
                error.getMessage());
    }

    static List<Arguments> wrongTypes() {
        return List.of(
                Arguments.of("[transport.https.properties]\nport = \"x\"",
                        "[transport.https.properties] port must be a whole number (was \"x\")"),
                Arguments.of("[monitoring.jmx]\nrmi_server_start = 1",
                        "[monitoring.jmx] rmi_server_start must be true or false (was 1)"),
                Arguments.of("[server]\nhostname = 5", "[server] hostname must be a string (was 5)"),
                Arguments.of("[clustering]\nmembers = \"a:1\"", "[clustering] members must be a list of strings (was \"a:1\")"),
                Arguments.of("[transport.http.properties]\nport = 3.5",
                        "[transport.http.properties] port must be a whole number (was 3.5)"),
                Arguments.of("[clustering]\nmembers = [\"a:1\", [2, 3]]",
                        "[clustering] members must be a list of strings (item 2 is an array)"),
                Arguments.of("[kdc]\nprincipals = [{ name = \"b\" }, 1]",
                        "must be an array of tables (item 2 is 1)"),
                Arguments.of("[clustering]\nmembers = [{ host = \"a\" }]",
                        "[clustering] members must be a list of strings (item 1 is a table)"),
                Arguments.of("[server]\nhostname = [\"a\",\n  \"b\"]", "[server] hostname must be a string (was an array)"),
                Arguments.of("[server]\nhostname = 1979-05-27", "[server] hostname must be a string (was 1979-05-27)"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongTypeNamesKeyAndExpectedType(String toml, String message) {
        ConfigException error = assertThrows(ConfigException.class, () -> load(toml));
        assertTrue(error.getMessage().endsWith(message), error.getMessage());
    }

    @Test
    void unknownKeyIsAWarningNamingTheNearestKnownKey() throws IOException {
        DeploymentConfig config = load("[server]\nofset = 3\n");
        assertEquals(List.of(dir.resolve("deployment.toml") + ":2: [server] ofset is not a key Berth uses; did you mean [server] offset?"),
                config.warnings());
    }

    @Test
    void missingFileIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope.toml");
        ConfigException error = assertThrows(ConfigException.class, () -> loader.load(missing));
        assertEquals(missing + ": configuration file not found", error.getMessage());
    }

    @Test
    void featuresFollowTheConfiguration() throws IOException {
        assertEquals(EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX, Feature.KDC, Feature.THRIFT_ENTITLEMENT),
                PortConfiguration.features(load("")));
        assertEquals(EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.CLUSTERING, Feature.CLUSTERING_MULTICAST),
                PortConfiguration.features(load("""
                        [server]
                        product = "carbon"
                        [monitoring.jmx]
                        rmi_server_start = false
                        [clustering]
                        membership_scheme = "multicast"
                        """)));
        assertEquals(EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX, Feature.CLUSTERING, Feature.THRIFT_ENTITLEMENT),
                PortConfiguration.features(load("[kdc]\nenable = false\n[clustering]\nmembership_scheme = \"wka\"\n")));
    }

    @Test
    void unknownSchemeOrProductIsAnError() {
        ConfigException scheme = assertThrows(ConfigException.class,
                () -> PortConfiguration.features(load("[clustering]\nmembership_scheme = \"gossip\"\n")));
        assertEquals(dir.resolve("deployment.toml") + ":2: [clustering] membership_scheme must be one of wka, multicast, kubernetes, aws, aws-ecs (was \"gossip\")",
                scheme.getMessage());
        ConfigException product = assertThrows(ConfigException.class,
                () -> PortConfiguration.features(load("[server]\nproduct = \"esb\"\n")));
        assertTrue(product.getMessage().contains("identity-server, carbon"), product.getMessage());
    }

    @Test
    void aValueWithALineBreakIsShownEscapedOnTheOneLineOfItsError() {
        ConfigException product = assertThrows(ConfigException.class,
                () -> PortConfiguration.features(load("[server]\nproduct = \"esb\\nfake line\"\n")));
        assertTrue(product.getMessage().endsWith("(was \"esb\\nfake line\")"), product.getMessage());
        ConfigException undefined = assertThrows(ConfigException.class,
                () -> load("[server]\nhostname = \"\"\"$env{A\nB}\"\"\"\n").string("server.hostname"));
        assertTrue(undefined.getMessage().endsWith("refers to $env{A\\nB}, but environment variable 'A\\nB' is not defined"),
                undefined.getMessage());
    }

    @Test
    void theShippedDeploymentTomlLoadsWithoutWarningsAndHoldsEveryPortKey() throws IOException {
        Path shipped = Path.of("..", "berth-dist", "src", "main", "home", "conf", "deployment.toml");
        DeploymentConfig config = loader.load(shipped);
        assertEquals(List.of(), config.warnings());
        String text = Files.readString(shipped);
        for (var port : io.berth.ports.PortCatalogue.BERTH.ports()) {
            String key = port.configKey().substring(port.configKey().lastIndexOf('.') + 1);
            assertTrue(text.contains(key + " = " + port.defaultPort()), port.configKey() + " not written out at its default");
        }
    }
}
