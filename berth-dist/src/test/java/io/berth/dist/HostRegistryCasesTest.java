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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host registry against the cases of {@code ../shared/cases/scripts}: sockets compared by address (01), the
 * JVM's own agent named as the holder (05), a registry directory that is not the user's own (rt-09), and a
 * runtime file whose pid now belongs to another home's instance (rt-17). Each starts real instances through
 * {@code bin/berth.sh} with a registry of its own.
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

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        Homes.stopAll(processes);
    }

    private Homes homes() {
        return new Homes(dir.resolve("registry"));
    }

    private Process start(Homes homes, Path home, String... args) throws Exception {
        Process process = homes.start(home, args);
        processes.add(process);
        return process;
    }

    private static JsonNode awaitRunning(Path home, Process process) throws Exception {
        Path runtime = home.resolve("runtime/instance.json");
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new AssertionError(home + " exited with " + process.exitValue() + ":\n" + Files.readString(home.resolve("out.txt")));
            }
            if (Files.exists(runtime)) {
                JsonNode record = JSON.readTree(runtime.toFile());
                if ("running".equals(record.path("state").asText())) {
                    return record;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(home + " did not come up in 120 s:\n" + Files.readString(home.resolve("out.txt")));
    }

    /** Case 01: 127.0.0.2 and 127.0.0.3 at one offset do not share a socket, so both run; the wildcard would. */
    @Test
    void twoBasesAtOneOffsetOnTwoAddressesBothRun() throws Exception {
        Homes homes = homes();
        Path two = Homes.copy(dir.resolve("h2"), CARBON.formatted("127.0.0.2", false));
        Path three = Homes.copy(dir.resolve("h3"), CARBON.formatted("127.0.0.3", false));
        Path any = Homes.copy(dir.resolve("any"), CARBON.formatted("0.0.0.0", false));
        int offset = awaitRunning(two, start(homes, two, "-DportOffset=auto")).path("ports").path("offset").asInt();
        Process thirdProcess = start(homes, three, "-DportOffset=" + offset);
        JsonNode second = awaitRunning(three, thirdProcess);
        assertEquals(offset, second.path("ports").path("offset").asInt());

        Berth.Result instances = homes.run(two, "instances", "--format", "json");
        assertEquals(2, JSON.readTree(instances.out()).path("instances").size(), instances.toString());

        Process wildcard = start(homes, any, "-DportOffset=" + offset);
        assertTrue(wildcard.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, wildcard.exitValue());
        String refusal = Files.readString(any.resolve("out.txt"));
        assertTrue(refusal.contains("is held by Berth instance " + two + " at offset " + offset)
                || refusal.contains("is held by Berth instance " + three + " at offset " + offset), refusal);

        // Stopping one waits for its own sockets only: the other holds the same numbers on its own address.
        Berth.Result stopped = homes.run(two, "stop");
        assertEquals(0, stopped.exitCode(), stopped.toString());
        assertEquals(0, homes.run(three, "status").exitCode(), "the base on 127.0.0.3 still runs");
    }

    /** Case 05: the JVM's own JMX agent on the RMI registry's port is named as such, not as a second Berth. */
    @Test
    void theJvmsOwnAgentOnABerthPortIsNamedWithItsOption() throws Exception {
        Homes homes = homes();
        Path home = Homes.copy(dir.resolve("agent"), CARBON.formatted("127.0.0.1", true));
        JsonNode plan = JSON.readTree(homes.run(home, "plan", "--format", "json").out());
        JsonNode ports = plan.path("instances").get(0).path("ports");
        int offset = plan.path("instances").get(0).path("offset").asInt();
        int registryPort = 0;
        for (JsonNode port : ports) {
            if (port.path("id").asText().equals("jmx-rmi-registry")) {
                registryPort = port.path("effective").asInt();
            }
        }
        ProcessBuilder builder = homes.builder(home, "-DportOffset=" + offset)
                .redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile());
        builder.environment().put("JAVA_OPTS", Homes.JAVA_OPTS + " -Dcom.sun.management.jmxremote.port=" + registryPort
                + " -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
                + " -Dcom.sun.management.jmxremote.host=127.0.0.1");
        Process process = builder.start();
        processes.add(process);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        String line = Files.readAllLines(home.resolve("out.txt")).stream().filter(text -> text.startsWith("berth: "))
                .reduce((first, last) -> last).orElseThrow();
        assertTrue(line.startsWith("berth: Port " + registryPort + "/tcp (jmx-rmi-registry) on 127.0.0.1 is taken by this"
                + " process itself (pid " + process.pid() + "): the JVM's own JMX agent listens there, turned on by the JVM"
                + " option -Dcom.sun.management.jmxremote.port=" + registryPort), line);
        assertFalse(line.contains("Berth instance"), line);
    }

    /** Case rt-17: node1's stale runtime file naming node10's pid neither reports node1 running nor stops node10. */
    @Test
    void aStaleRuntimeFileWhosePidIsAnotherHomesInstanceIsStale() throws Exception {
        Homes homes = homes();
        Path node1 = Homes.copy(dir.resolve("node1"), CARBON.formatted("127.0.0.1", false));
        Path node10 = Homes.copy(dir.resolve("node10"), CARBON.formatted("127.0.0.1", false));
        Process running = start(homes, node10, "-DportOffset=auto");
        ObjectNode record = (ObjectNode) awaitRunning(node10, running);
        record.put("home", node1.toString());
        Files.createDirectories(node1.resolve("runtime"));
        JSON.writeValue(node1.resolve("runtime/instance.json").toFile(), record);

        Berth.Result status = homes.run(node1, "status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("Berth is not running in " + node1 + " (stale runtime file of pid " + running.pid() + ")"),
                status.toString());
        Berth.Result stop = homes.run(node1, "stop");
        assertEquals(3, stop.exitCode(), stop.toString());
        assertTrue(running.isAlive(), "stop in node1 stopped node10");
        assertEquals(0, homes.run(node10, "status").exitCode());
    }

    /** Case rt-09 (b): a registry that is a symbolic link is refused by start and by every reader; nothing is written behind it. */
    @Test
    void aSymlinkedRegistryIsRefusedAndNothingBehindItIsTouched() throws Exception {
        Path victim = Files.createDirectory(dir.resolve("private"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path keep = Files.writeString(victim.resolve("app-state.json"), "{\"service\":\"web\",\"ports\":[]}");
        Path link = Files.createSymbolicLink(dir.resolve("berth-victim"), victim);
        Homes homes = new Homes(link);
        Path home = Homes.copy(dir.resolve("home"), CARBON.formatted("127.0.0.1", false));
        for (String[] command : List.of(new String[] {"-DportOffset=auto"}, new String[] {"instances"},
                new String[] {"ports", "check"}, new String[] {"plan"})) {
            Berth.Result result = homes.run(home, command);
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
        Homes homes = new Homes(foreign);
        Path home = Homes.copy(dir.resolve("home"), CARBON.formatted("127.0.0.1", false));
        Berth.Result instances = homes.run(home, "instances");
        assertEquals(1, instances.exitCode(), instances.toString());
        assertFalse(instances.out().contains("attacker.example"), instances.toString());
        assertTrue(instances.err().contains("belongs to uid 65534, not to this user"), instances.toString());
    }
}
