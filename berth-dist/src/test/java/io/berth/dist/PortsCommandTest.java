package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code berth ports} through the packaged home's launcher, as a user runs it. */
class PortsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Map<String, Integer> effectivePorts(JsonNode report) {
        Map<String, Integer> ports = new HashMap<>();
        report.get("ports").forEach(port -> ports.put(port.get("id").asText(), port.get("effective").asInt()));
        return ports;
    }

    @Test
    void offsetThreeAsJson() throws Exception {
        CommandResult result = TestHome.distribution().berth("ports", "--offset", "3", "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode report = JSON.readTree(result.out());
        assertEquals(3, report.get("offset").asInt());
        // The option as typed: --offset and --port-offset are one option, and a view names the one the user gave.
        assertEquals("option --offset", report.get("offsetSource").asText());
        Map<String, Integer> ports = effectivePorts(report);
        assertEquals(9446, ports.get("https"));
        assertEquals(9766, ports.get("http"));
        assertEquals(11114, ports.get("jmx-rmi-registry"));
        assertEquals(10002, ports.get("jmx-rmi-server"));
        assertEquals(8003, ports.get("kdc"));
        assertEquals(10503, ports.get("thrift-entitlement"));
        assertEquals(45564, ports.get("cluster-multicast"));
        JsonNode https = report.get("ports").get(0);
        assertEquals("https", https.get("id").asText());
        assertEquals(9443, https.get("default").asInt());
        assertEquals("tcp", https.get("protocol").asText());
        assertTrue(https.get("offsetApplied").asBoolean());
        assertTrue(https.get("enabled").asBoolean());
    }

    @Test
    void systemPropertyAnywhereAmongArgumentsWinsOverTheConfig() throws Exception {
        Path config = dir.resolve("deployment.toml");
        Files.writeString(config, "[server]\noffset = 5\n");
        CommandResult result = TestHome.distribution().berth("ports", "--config", config.toString(), "-DportOffset=1", "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode report = JSON.readTree(result.out());
        assertEquals(1, report.get("offset").asInt());
        assertEquals("system property portOffset", report.get("offsetSource").asText());

        CommandResult fromConfig = TestHome.distribution().berth("-DunrelatedProperty=x", "ports", "--config", config.toString(), "--format", "json");
        assertEquals(5, JSON.readTree(fromConfig.out()).get("offset").asInt(), fromConfig.toString());
        assertEquals("deployment.toml [server] offset", JSON.readTree(fromConfig.out()).get("offsetSource").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "-DportOffset=abc   | Invalid port offset 'abc' from system property portOffset: it is not a whole number",
        "-DportOffset=-1    | Invalid port offset '-1' from system property portOffset: an offset cannot be negative",
        "-DportOffset=3.5   | Invalid port offset '3.5' from system property portOffset: it is not a whole number",
        "-DportOffset=      | Invalid port offset '' from system property portOffset: it is empty",
        "-DportOffset=70000 | Invalid port offset '70000' from system property portOffset: it would push every port past 65535",
        "-DportOffset=54425 | Invalid port offset '54425' from system property portOffset: it pushes jmx-rmi-registry to 65536, past 65535",
    })
    void badOffsetsExitTwoWithOneLineNamingSourceAndValue(String property, String message) throws Exception {
        CommandResult result = TestHome.distribution().berth("ports", property);
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("", result.out());
        String[] lines = result.err().strip().split("\n");
        assertEquals(1, lines.length, result.err());
        assertTrue(lines[0].startsWith("berth: " + message), lines[0]);
    }

    @Test
    void markdownIsATableReadyToPaste() throws Exception {
        CommandResult result = TestHome.distribution().berth("ports", "--format", "markdown");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().contains("| ID | DEFAULT | CONFIGURED | EFFECTIVE | PROTOCOL | OFFSET | ENABLED | DESCRIPTION |"), result.out());
        assertTrue(result.out().contains("| https | 9443 | 9443 | 9443 | tcp | applied | yes |"), result.out());
    }

    @Test
    void offsetsRangeGivesTheSeedsTableForEveryEnabledPort() throws Exception {
        CommandResult result = TestHome.distribution().berth("ports", "--offsets", "0-4");
        assertEquals(0, result.exitCode(), result.toString());
        String[] lines = result.out().strip().split("\n");
        assertEquals(6, lines.length, result.out());
        assertTrue(lines[0].matches("INSTANCE\\s+OFFSET\\s+https\\s+http\\s+jmx-rmi-registry\\s+jmx-rmi-server\\s+kdc\\s+thrift-entitlement"),
                lines[0]);
        assertTrue(lines[5].matches("Instance 5\\s+4\\s+9447\\s+9767\\s+11115\\s+10003\\s+8004\\s+10504"), lines[5]);
    }

    @Test
    void badOffsetsRangeIsAUsageError() throws Exception {
        CommandResult result = TestHome.distribution().berth("ports", "--offsets", "4-0");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Invalid value '4-0' for option '--offsets'"), result.err());
    }

    @Test
    void malformedConfigExitsTwoWithLineAndColumn() throws Exception {
        Path config = dir.resolve("deployment.toml");
        Files.writeString(config, "[server]\noffset = = 3\n");
        CommandResult result = TestHome.distribution().berth("ports", "--config", config.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().strip().matches("berth: .*deployment\\.toml:2:\\d+: malformed TOML: .*"), result.err());
    }

    @Test
    void readmePortTableIsWhatTheCommandPrints() throws Exception {
        Path readme = Path.of(System.getProperty("berth.repo", "..")).resolve("README.md");
        String text = Files.readString(readme);
        String block = text.substring(text.indexOf("<!-- ports:begin -->\n") + "<!-- ports:begin -->\n".length(),
                text.indexOf("<!-- ports:end -->"));
        CommandResult result = TestHome.distribution().berth("ports", "--format", "markdown");
        assertEquals(block, result.out(), "README.md's port table has drifted: paste `./berth ports --format markdown`");
    }
}
