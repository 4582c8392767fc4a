package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Twelve {@code berth start -DportOffset=auto} at once: the host registry hands each its own offset. */
class ParallelAutoStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INSTANCES = 12;
    /**
     * Ports moved so that auto's offsets 0, 1, ... land where defaults + 2100.. would: this suite's
     * own part of the host, away from the defaults other tests and people use.
     */
    private static final String CONFIG = """
            [server]
            product = "carbon"
            offset = 0

            [transport.https.properties]
            port = 11543

            [transport.http.properties]
            port = 11863

            [monitoring.jmx]
            rmi_server_start = false
            """;

    @TempDir
    Path dir;

    @Test
    void twelveParallelAutoStartsGetTwelveOffsetsAndAllComeUp() throws Exception {
        Homes homes = new Homes(dir.resolve("registry"));
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            copies.add(Homes.copy(dir.resolve("home-" + i), CONFIG));
        }
        List<Process> processes = new ArrayList<>();
        try {
            for (Path home : copies) {
                processes.add(homes.start(home, "-DportOffset=auto"));
            }
            JsonNode running = awaitRunning(homes, copies.get(0), processes, copies);
            Set<Integer> offsets = new HashSet<>();
            Set<String> listedHomes = new HashSet<>();
            for (JsonNode instance : running) {
                offsets.add(instance.get("offset").asInt());
                listedHomes.add(instance.get("home").asText());
                assertTrue(instance.get("auto").asBoolean(), instance.toString());
                assertTrue(instance.get("consoleUrl").asText().startsWith("https://localhost:"), instance.toString());
            }
            assertEquals(INSTANCES, offsets.size(), "distinct offsets: " + offsets);
            assertEquals(INSTANCES, listedHomes.size());
            for (Path home : copies) {
                assertTrue(listedHomes.contains(home.toAbsolutePath().normalize().toString()), home + " not listed");
            }
            assertTrue(processes.stream().allMatch(Process::isAlive), "no start failed");

            Berth.Result table = homes.run(copies.get(0), "instances");
            assertEquals(0, table.exitCode(), table.toString());
            assertEquals(INSTANCES + 1, table.out().strip().split("\n").length, table.out());
        } finally {
            Homes.stopAll(processes);
        }
        Berth.Result afterStop = homes.run(copies.get(0), "instances", "--format", "json");
        assertEquals(0, JSON.readTree(afterStop.out()).get("instances").size(), "a stopped instance leaves the registry: " + afterStop);
    }

    /** Polls {@code berth instances} until every start is running; fails early, with its output, when a start exits. */
    private static JsonNode awaitRunning(Homes homes, Path anyHome, List<Process> processes, List<Path> copies) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new AssertionError("start " + i + " exited " + processes.get(i).exitValue() + ":\n"
                            + Files.readString(copies.get(i).resolve("out.txt")));
                }
            }
            Berth.Result listed = homes.run(anyHome, "instances", "--format", "json");
            assertEquals(0, listed.exitCode(), listed.toString());
            JsonNode instances = JSON.readTree(listed.out()).get("instances");
            long running = 0;
            for (JsonNode instance : instances) {
                running += instance.get("state").asText().equals("running") ? 1 : 0;
            }
            if (running == INSTANCES) {
                return instances;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + running + " of " + INSTANCES + " running after 300 s: " + listed.out());
            }
            Thread.sleep(1000);
        }
    }
}
