package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth ports check} names a Berth holder from the host registry and any other holder from /proc. */
class PortsCheckCommandTest {

    /** Carbon without JMX: https and http only. */
    private static final String CONFIG = """
            [server]
            product = "carbon"
            [monitoring.jmx]
            rmi_server_start = false
            """;

    @TempDir
    Path dir;

    @Test
    void namesTheBerthInstanceAndTheOtherProcessHoldingPorts() throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "home").config(CONFIG);
        try (TestServer server = TestServer.start(home)) {
            int offset = server.offset();
            int https = server.port("https");
            int http = server.port("http");
            // Asked from another base, the instance's ports are taken, by it.
            TestHome neighbour = TestHome.copyOfDistribution(dir, "neighbour").config(CONFIG);
            CommandResult berthHeld = neighbour.berth("ports", "check", "--offset", Integer.toString(offset), "--format", "json");
            assertEquals(1, berthHeld.exitCode(), berthHeld.toString());
            Map<Integer, String> holders = holders(berthHeld);
            String berth = "Berth instance " + home + " at offset " + offset + " (pid " + server.pid() + ")";
            assertEquals(berth, holders.get(https));
            assertEquals(berth, holders.get(http));

            // The first offset above it whose https and http are free, then http of it held by this test's own JVM, which is no Berth.
            int other = home.berth("plan", "--home", home.toString(), "--format", "json").json()
                    .get("instances").get(0).get("offset").asInt();
            try (ServerSocket foreign = new ServerSocket()) {
                foreign.bind(new InetSocketAddress(9763 + other));
                CommandResult mixed = home.berth("ports", "check", "--offset", Integer.toString(other));
                assertEquals(1, mixed.exitCode(), mixed.toString());
                assertTrue(mixed.out().contains("1 of 2 ports taken"), mixed.out());
                Map<Integer, String> mixedHolders = holders(home.berth("ports", "check", "--offset", Integer.toString(other),
                        "--format", "json"));
                assertEquals(null, mixedHolders.get(9443 + other), "https of offset " + other + " is free");
                String holder = mixedHolders.get(9763 + other);
                assertTrue(holder.startsWith("pid " + ProcessHandle.current().pid() + " ("), holder);
                assertTrue(holder.contains("java"), holder);
            }
            CommandResult free = home.berth("ports", "check", "--offset", Integer.toString(other));
            assertEquals(0, free.exitCode(), free.toString());
            assertTrue(free.out().contains("Every port is free"), free.out());
        }
    }

    /** Asked from its own base, the running instance's ports are this base's: its restart can bind them again. */
    @Test
    void theBaseOfTheRunningInstanceCountsItsPortsAsItsOwn() throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "home").config(CONFIG);
        try (TestServer server = TestServer.start(home)) {
            String offset = Integer.toString(server.offset());
            CommandResult own = home.berth("ports", "check", "--offset", offset);
            assertEquals(0, own.exitCode(), own.toString());
            assertTrue(own.out().contains("Every port is held by this base's running instance, free for its restart"), own.out());
            JsonNode json = home.berth("ports", "check", "--offset", offset, "--format", "json").json();
            assertTrue(json.get("free").asBoolean(), json.toString());
            for (JsonNode port : json.get("ports")) {
                assertTrue(port.get("thisBase").asBoolean(), port.toString());
                assertEquals("this base's running instance (pid " + server.pid() + ")", port.get("holder").asText());
            }
        }
    }

    private static Map<Integer, String> holders(CommandResult result) throws IOException {
        Map<Integer, String> holders = new HashMap<>();
        for (JsonNode port : result.json().get("ports")) {
            if (!port.get("free").asBoolean()) {
                holders.put(port.get("port").asInt(), port.get("holder").asText());
            }
        }
        return holders;
    }
}
