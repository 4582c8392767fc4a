package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host registry against the cases of {@code ../shared/cases/scripts}: sockets compared by address (01), the
 * JVM's own agent named as the holder (05), a registry directory that is not the user's own (rt-09), and a
 * runtime file whose pid now belongs to another home's instance (rt-17). Each starts real instances through
 * {@code bin/berth.sh} ({@link TestServer}) with a registry of its own.
 */
class HostRegistryCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A light base: the servlet transports only, so four of these start quickly on two cores. */
    private static final String CARBON = """
            [server]
            hostname = "%s"
            product = "carbon"

            [monitoring.jmx]
            rmi_server_start = %s
            """;

    @TempDir
    Path dir;

    /** A fresh copy of the distribution, configured with {@code toml}, using this test's own host registry. */
    private TestHome home(String name, String toml) throws Exception {
        return TestHome.copyOfDistribution(dir, name).config(toml).registry(dir.resolve("registry"));
    }

    /** Launches {@code home} expecting a refusal: its exit code and output once it has ended. */
    private static TestServer refused(TestHome home, String... args) throws Exception {
        TestServer server = TestServer.launch(home, args);
        assertEquals(1, server.awaitExit(Duration.ofSeconds(120)), server.output());
        return server;
    }

    /** Case 01: 127.0.0.2 and 127.0.0.3 at one offset do not share a socket, so both run; the wildcard would. */
    @Test
    void twoBasesAtOneOffsetOnTwoAddressesBothRun() throws Exception {
        TestHome two = home("h2", CARBON.formatted("127.0.0.2", false));
        TestHome three = home("h3", CARBON.formatted("127.0.0.3", false));
        TestHome any = home("any", CARBON.formatted("0.0.0.0", false));
        try (TestServer first = TestServer.start(two);
                TestServer second = TestServer.start(three, "-DportOffset=" + first.offset())) {
            int offset = first.offset();
            assertEquals(offset, second.runtimeRecord().path("ports").path("offset").asInt());

            CommandResult instances = two.berth("instances", "--format", "json");
            assertEquals(2, JSON.readTree(instances.out()).path("instances").size(), instances.toString());

            try (TestServer wildcard = refused(any, "-DportOffset=" + offset)) {
                String refusal = wildcard.output();
                assertTrue(refusal.contains("is held by Berth instance " + two.path() + " at offset " + offset)
                        || refusal.contains("is held by Berth instance " + three.path() + " at offset " + offset), refusal);
            }

            // Stopping one waits for its own sockets only: the other holds the same numbers on its own address.
            CommandResult stopped = two.berth("stop");
            assertEquals(0, stopped.exitCode(), stopped.toString());
            assertEquals(0, three.berth("status").exitCode(), "the base on 127.0.0.3 still runs");
        }
    }

    /** Case 05: the JVM's own JMX agent on the RMI registry's port is named as such, not as a second Berth. */
    @Test
    void theJvmsOwnAgentOnABerthPortIsNamedWithItsOption() throws Exception {
        TestHome planned = home("agent", CARBON.formatted("127.0.0.1", true));
        JsonNode plan = JSON.readTree(planned.berth("plan", "--format", "json").out());
        JsonNode ports = plan.path("instances").get(0).path("ports");
        int offset = plan.path("instances").get(0).path("offset").asInt();
        int registryPort = 0;
        for (JsonNode port : ports) {
            if (port.path("id").asText().equals("jmx-rmi-registry")) {
                registryPort = port.path("effective").asInt();
            }
        }
        TestHome home = planned.javaOptions(TestHome.JAVA_OPTS + " -Dcom.sun.management.jmxremote.port=" + registryPort
                + " -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
                + " -Dcom.sun.management.jmxremote.host=127.0.0.1");
        try (TestServer server = refused(home, "-DportOffset=" + offset)) {
            String line = server.output().lines().filter(text -> text.startsWith("berth: "))
                    .reduce((first, last) -> last).orElseThrow();
            assertTrue(line.startsWith("berth: Port " + registryPort + "/tcp (jmx-rmi-registry) on 127.0.0.1 is taken by this"
                    + " process itself (pid " + server.pid() + "): the JVM's own JMX agent listens there, turned on by the JVM"
                    + " option -Dcom.sun.management.jmxremote.port=" + registryPort), line);
            assertFalse(line.contains("Berth instance"), line);
        }
    }

    /** Case rt-17: node1's stale runtime file naming node10's pid neither reports node1 running nor stops node10. */
    @Test
    void aStaleRuntimeFileWhosePidIsAnotherHomesInstanceIsStale() throws Exception {
        TestHome node1 = home("node1", CARBON.formatted("127.0.0.1", false));
        TestHome node10 = home("node10", CARBON.formatted("127.0.0.1", false));
        try (TestServer running = TestServer.start(node10)) {
            ObjectNode record = (ObjectNode) running.runtimeRecord();
            record.put("home", node1.path().toString());
            Files.createDirectories(node1.resolve("runtime"));
            JSON.writeValue(node1.resolve("runtime/instance.json").toFile(), record);

            CommandResult status = node1.berth("status");
            assertEquals(3, status.exitCode(), status.toString());
            assertTrue(status.out().contains("Berth is not running in " + node1.path() + " (stale runtime file of pid "
                    + running.pid() + ")"), status.toString());
            CommandResult stop = node1.berth("stop");
            assertEquals(3, stop.exitCode(), stop.toString());
            assertTrue(running.alive(), "stop in node1 stopped node10");
            assertEquals(0, node10.berth("status").exitCode());
        }
    }

    /** Case rt-09 (b): a registry that is a symbolic link is refused by start and by every reader; nothing is written behind it. */
    @Test
    void aSymlinkedRegistryIsRefusedAndNothingBehindItIsTouched() throws Exception {
        Path victim = Files.createDirectory(dir.resolve("private"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path keep = Files.writeString(victim.resolve("app-state.json"), "{\"service\":\"web\",\"ports\":[]}");
        Path link = Files.createSymbolicLink(dir.resolve("berth-victim"), victim);
        TestHome home = home("home", CARBON.formatted("127.0.0.1", false)).registry(link);
        for (String[] command : List.of(new String[] {"-DportOffset=auto"}, new String[] {"instances"},
                new String[] {"ports", "check"}, new String[] {"plan"})) {
            CommandResult result = home.berth(command);
            assertEquals(1, result.exitCode(), String.join(" ", command) + ": " + result);
            assertTrue(result.err().contains("berth: the host registry " + link + " is a symbolic link"), result.toString());
        }
        try (var files = Files.list(victim)) {
            assertEquals(List.of(keep), files.toList());
        }
    }

    /** Case rt-09 (a): a registry directory of another user, open to all, with a forged entry: refused, never listed. */
    @Test
    void aRegistryOfAnotherUserIsRefusedAndItsEntriesNeverListed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory to another user");
        Path foreign = Files.createDirectory(dir.resolve("foreign"));
        Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(foreign.resolve("1.0.1.json"), "{\"pid\":1,\"processStart\":0,\"reservation\":\"1.0.1\",\"home\":\"/srv/prod\","
                + "\"offset\":0,\"auto\":false,\"state\":\"running\",\"consoleUrl\":\"https://attacker.example:9443/console\",\"ports\":[]}");
        Files.setAttribute(foreign, "unix:uid", 65534);
        TestHome home = home("home", CARBON.formatted("127.0.0.1", false)).registry(foreign);
        CommandResult instances = home.berth("instances");
        assertEquals(1, instances.exitCode(), instances.toString());
        assertFalse(instances.out().contains("attacker.example"), instances.toString());
        assertTrue(instances.err().contains("belongs to uid 65534, not to this user"), instances.toString());
    }
}
