package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth ports check} names a Berth holder from the host registry and any other holder from /proc. */
class PortsCheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Carbon without JMX: https and http only, at offset 2300 in this suite's range. */
    private static final String CONFIG = """
            [server]
            product = "carbon"
            offset = 2300
            [monitoring.jmx]
            rmi_server_start = false
            """;
    private static final int HTTPS = 9443 + 2300;
    private static final int HTTP = 9763 + 2300;

    @TempDir
    Path dir;

    @Test
    void namesTheBerthInstanceAndTheOtherProcessHoldingPorts() throws Exception {
        Homes homes = new Homes(dir.resolve("registry"));
        Path home = Homes.copy(dir.resolve("home"), CONFIG);
        List<Process> processes = new ArrayList<>();
        try (ServerSocket foreign = new ServerSocket()) {
            // http of offset 2301 is held by this test's own JVM, which is no Berth.
            foreign.bind(new InetSocketAddress(HTTP + 1));
            processes.add(homes.start(home));
            awaitRunning(homes, home, processes.get(0));

            Berth.Result berthHeld = homes.run(home, "ports", "check", "--format", "json");
            assertEquals(1, berthHeld.exitCode(), berthHeld.toString());
            Map<Integer, String> holders = holders(berthHeld);
            String berth = "Berth instance " + home.toAbsolutePath().normalize() + " at offset 2300 (pid "
                    + processes.get(0).pid() + ")";
            assertEquals(berth, holders.get(HTTPS));
            assertEquals(berth, holders.get(HTTP));

            Berth.Result mixed = homes.run(home, "ports", "check", "--offset", "2301");
            assertEquals(1, mixed.exitCode(), mixed.toString());
            Map<Integer, String> mixedHolders = holders(homes.run(home, "ports", "check", "--offset", "2301", "--format", "json"));
            assertEquals(null, mixedHolders.get(HTTPS + 1), "https of offset 2301 is free");
            String other = mixedHolders.get(HTTP + 1);
            assertTrue(other.startsWith("pid " + ProcessHandle.current().pid() + " ("), other);
            assertTrue(other.contains("java"), other);
            assertTrue(mixed.out().contains("1 of 2 ports taken"), mixed.out());

            Berth.Result free = homes.run(home, "ports", "check", "--offset", "2302");
            assertEquals(0, free.exitCode(), free.toString());
            assertTrue(free.out().contains("Every port is free"), free.out());
        } finally {
            Homes.stopAll(processes);
        }
    }

    private static Map<Integer, String> holders(Berth.Result result) throws Exception {
        Map<Integer, String> holders = new HashMap<>();
        for (JsonNode port : JSON.readTree(result.out()).get("ports")) {
            if (!port.get("free").asBoolean()) {
                holders.put(port.get("port").asInt(), port.get("holder").asText());
            }
        }
        return holders;
    }

    private static void awaitRunning(Homes homes, Path home, Process process) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("start exited " + process.exitValue() + ":\n" + Files.readString(home.resolve("out.txt")));
            }
            JsonNode instances = JSON.readTree(homes.run(home, "instances", "--format", "json").out()).get("instances");
            if (instances.size() == 1 && instances.get(0).get("state").asText().equals("running")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not running after 120 s: " + Files.readString(home.resolve("out.txt")));
            }
            Thread.sleep(500);
        }
    }
}
