package io.berth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.PortProbe;
import io.berth.ports.PortSettingsException;
import io.berth.ports.internal.PortRange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Fuzzes the path a user's deployment.toml takes before anything binds: the text is loaded and
 * checked against the schema, its references resolved, then read as port settings and planned at
 * its offset. The file is refused with a {@link ConfigException} or a {@link PortSettingsException}
 * whose message is one line, or every enabled port lands in 1..65535. Any other exception (a
 * NullPointerException, a tomlj internal, a StackOverflowError...) is a finding.
 *
 * <p>{@code mvn verify} fuzzes it for {@code maxDuration}; seeds (the shipped deployment.toml among
 * them) and past findings are in {@code DeploymentConfigFuzzTestInputs/} beside this class in the
 * test resources.
 */
class DeploymentConfigFuzzTest {

    /** Only named in messages: the loader is handed the text, so no file is read or written. */
    private static final Path FILE = Path.of("deployment.toml");

    /** Probing stays off the network: every port is free, so {@code auto} is the lowest offset in range. */
    private static final PortProbe NOTHING_TAKEN = (port, protocol) -> true;

    /** The process's own environment and system properties, as a start would see them. */
    private final DeploymentConfigLoader loader = new DeploymentConfigLoader(References.ofProcess());

    /** Tokens of deployment.toml that random bytes would take long to spell: tables, keys, values, references. */
    @DictionaryEntries({
        "[server]", "[transport.https.properties]", "[transport.http.properties]", "[monitoring.jmx]",
        "[clustering]", "[kdc]", "[[kdc.principals]]", "[entitlement.thrift]",
        "offset", "product", "hostname", "port", "rmi_server_start", "rmi_registry_port", "rmi_server_port",
        "membership_scheme", "members", "local_member_port", "multicast_port", "enable", "name",
        "\"auto\"", "\"carbon\"", "\"identity-server\"", "\"wka\"", "\"multicast\"", "true", "false",
        "$env{", "$sys{", "}", " = ", " = [", " = {", "\"\"\"", "'''", "\\n", "\\u0000", "65535", "-1", "1e3",
    })
    @FuzzTest(maxDuration = "25s")
    void deploymentTomlPlansOrIsRefusedInOneLine(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            DeploymentConfig config = loader.read(FILE, text);
            config.warnings().forEach(warning -> assertOneLine("warning", warning));
            PortSettings settings = PortSettings.of(config);
            PortPlan plan = settings.plan(settings.requestedOffset(null, null), new io.berth.ports.TakenPorts(), NOTHING_TAKEN);
            assertEquals(settings.offset().present() ? OffsetSource.CONFIG : OffsetSource.DEFAULT, plan.offset().source());
            for (PlannedPort port : plan.enabledPorts()) {
                assertTrue(PortRange.contains(port.effective()),
                        port.id() + " planned outside " + PortRange.TEXT + ": " + port.effective());
            }
        } catch (ConfigException | PortSettingsException refused) {
            assertOneLine(refused.getClass().getSimpleName(), refused.getMessage());
        }
    }

    /** The project's rule for bad input: one line, ready to print, that says what is wrong. */
    private static void assertOneLine(String what, String message) {
        assertNotNull(message, what + " without a message");
        assertFalse(message.isBlank(), what + " with a blank message");
        assertFalse(message.contains("\n") || message.contains("\r"), what + " is not one line: " + message);
    }
}
