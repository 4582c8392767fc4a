package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Twelve {@code berth start -DportOffset=auto} at once: the host registry hands each its own offset. */
class ParallelAutoStartTest {

    private static final int INSTANCES = 12;
    /** Light JVMs: twelve at once on a small machine. */
    private static final String LIGHT_JVM = "-Xmx64m -XX:TieredStopAtLevel=1 -Xss512k -XX:+UseSerialGC";
    private static final String CONFIG = """
            [server]
            product = "carbon"

            [monitoring.jmx]
            rmi_server_start = false
            """;

    @TempDir
    Path dir;

    @Test
    void twelveParallelAutoStartsGetTwelveOffsetsAndAllComeUp() throws Exception {
        // A registry of this test's own: `berth instances` lists exactly these twelve.
        Path registry = dir.resolve("registry");
        List<TestHome> homes = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            homes.add(TestHome.copyOfDistribution(dir, "home-" + i).config(CONFIG).registry(registry).javaOptions(LIGHT_JVM));
        }
        List<TestServer> servers = new ArrayList<>();
        try {
            for (TestHome home : homes) {
                servers.add(TestServer.launch(home));
            }
            for (TestServer server : servers) {
                server.awaitStarted(Duration.ofSeconds(300));
            }
            JsonNode running = homes.get(0).berth("instances", "--format", "json").json().get("instances");
            Set<Integer> offsets = new HashSet<>();
            Set<String> listedHomes = new HashSet<>();
            for (JsonNode instance : running) {
                assertEquals("running", instance.get("state").asText(), instance.toString());
                offsets.add(instance.get("offset").asInt());
                listedHomes.add(instance.get("home").asText());
                assertTrue(instance.get("auto").asBoolean(), instance.toString());
                assertTrue(instance.get("consoleUrl").asText().startsWith("https://localhost:"), instance.toString());
            }
            assertEquals(INSTANCES, offsets.size(), "distinct offsets: " + offsets);
            assertEquals(INSTANCES, listedHomes.size());
            for (TestHome home : homes) {
                assertTrue(listedHomes.contains(home.toString()), home + " not listed");
            }
            assertTrue(servers.stream().allMatch(TestServer::alive), "no start failed");

            CommandResult table = homes.get(0).berth("instances");
            assertEquals(0, table.exitCode(), table.toString());
            assertEquals(INSTANCES + 1, table.out().strip().split("\n").length, table.out());
        } finally {
            servers.forEach(TestServer::close);
        }
        CommandResult afterStop = homes.get(0).berth("instances", "--format", "json");
        assertEquals(0, afterStop.json().get("instances").size(), "a stopped instance leaves the registry: " + afterStop);
    }
}
