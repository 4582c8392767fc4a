package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth plan} through the packaged launcher, checked independently of the planner. */
class PlanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every port of an identity server moved by 2200 from its default, as an operator's file may. */
    private static final String IDENTITY = """
            [transport.https.properties]
            port = 11643
            [transport.http.properties]
            port = 11963
            [monitoring.jmx]
            rmi_registry_port = 13311
            rmi_server_port = 12199
            [kdc]
            port = 10200
            [entitlement.thrift]
            port = 12700
            """;

    @TempDir
    Path dir;

    @Test
    void twoHundredInstancesShareNoPortAndAvoidAListenerOpenedFirst() throws Exception {
        Path config = dir.resolve("deployment.toml");
        Files.writeString(config, IDENTITY);
        TestHome homes = TestHome.distribution().registry(dir.resolve("registry"));
        // https of the instance at offset 50, were the port free: held by this test, or by someone already.
        int inUse = 11643 + 50;
        try (ServerSocket listener = new ServerSocket()) {
            try {
                listener.bind(new InetSocketAddress(inUse));
            } catch (java.io.IOException heldAlready) {
                // In use either way, which is all this test needs.
            }
            CommandResult result = homes.berth("plan", "--instances", "200", "--config", config.toString(),
                    "--format", "json");
            assertEquals(0, result.exitCode(), result.toString());
            JsonNode instances = JSON.readTree(result.out()).get("instances");
            assertEquals(200, instances.size());
            Set<String> used = new HashSet<>();
            for (JsonNode instance : instances) {
                int offset = instance.get("offset").asInt();
                assertEquals(config.toString(), instance.get("config").asText());
                for (JsonNode port : instance.get("ports")) {
                    if (!port.get("enabled").asBoolean()) {
                        continue;
                    }
                    int effective = port.get("port").asInt() + (port.get("offsetApplied").asBoolean() ? offset : 0);
                    assertEquals(effective, port.get("effective").asInt(), port.toString());
                    for (String protocol : port.get("protocol").asText().split("\\+")) {
                        assertTrue(used.add(protocol + "/" + effective), protocol + "/" + effective + " planned twice");
                    }
                }
            }
            assertFalse(used.contains("tcp/" + inUse), "the plan hands out a port in use");
            assertEquals(6 * 200 + 200, used.size(), "six TCP ports and the KDC's UDP port per instance");
        }
    }

    @Test
    void aTableOfProductsWithEveryPortAsAColumn() throws Exception {
        Path identity = dir.resolve("identity.toml");
        Files.writeString(identity, IDENTITY);
        Path carbon = dir.resolve("carbon.toml");
        Files.writeString(carbon, "[server]\nproduct = \"carbon\"\n[transport.https.properties]\nport = 11643\n"
                + "[transport.http.properties]\nport = 11963\n[monitoring.jmx]\nrmi_server_start = false\n");
        CommandResult result = TestHome.distribution().registry(dir.resolve("registry")).berth("plan", "--config", identity.toString(),
                "--config", carbon.toString(), "--format", "markdown");
        assertEquals(0, result.exitCode(), result.toString());
        String[] lines = result.out().strip().split("\n");
        assertEquals("| PRODUCT | OFFSET | CONFIG | https | http | jmx-rmi-registry | jmx-rmi-server | kdc | thrift-entitlement |",
                lines[0]);
        assertTrue(lines[2].startsWith("| Product 1 | "), lines[2]);
        assertTrue(lines[3].matches("\\| Product 2 \\| \\d+ \\| .*carbon\\.toml \\| \\d+ \\| \\d+ \\| - \\| - \\| - \\| - \\|"), lines[3]);
    }

    @Test
    void writeSetsEachConfigsOffset() throws Exception {
        Path first = dir.resolve("a.toml");
        Path second = dir.resolve("b.toml");
        Files.writeString(first, "# first\n" + IDENTITY);
        Files.writeString(second, "# second\n[server]\noffset = 0 # was\n" + IDENTITY);
        CommandResult result = TestHome.distribution().registry(dir.resolve("registry")).berth("plan", "--config", first.toString(),
                "--config", second.toString(), "--write", "--format", "json");
        assertEquals(0, result.exitCode(), result.toString());
        JsonNode instances = JSON.readTree(result.out()).get("instances");
        int secondOffset = instances.get(1).get("offset").asInt();
        assertTrue(Files.readString(second).startsWith("# second\n[server]\noffset = " + secondOffset + " # was\n"),
                Files.readString(second));
        assertTrue(Files.readString(first).endsWith("[server]\noffset = " + instances.get(0).get("offset").asInt() + "\n"));
    }

    @Test
    void badInstanceCountsAreOneLineAndExitTwo() throws Exception {
        CommandResult result = TestHome.distribution().berth("plan", "--instances", "0");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(java.util.List.of("berth: Invalid value '0' for option '--instances': it must be 1..65535",
                "Try 'berth plan --help' for its options."), result.err().strip().lines().toList());
    }
}
