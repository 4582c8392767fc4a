package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults a real instance meets: signals in the middle of start-up, its runtime directory removed
 * while it runs, a stale runtime file. Offsets 5100..5199 belong to this class.
 */
class FaultsTest {

    private static final String TOML = "[server]\nhostname = \"localhost\"\n";
    /** Logged once the KDC has bound and before Thrift and the servlet transports have: the middle of start-up. */
    private static final String MID_START = "KDC for realm";

    @TempDir
    Path dir;

    private static PortPlan plan(int offset) {
        return PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.SYSTEM_PROPERTY));
    }

    /** Waits, bounded, until the instance has logged {@code line}; fails if it exits first. */
    private static void awaitOutput(Path home, Process process, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Instances.output(home).contains(line)) {
            assertTrue(process.isAlive(), "exited before '" + line + "':\n" + Instances.output(home));
            assertTrue(System.nanoTime() < deadline, "no '" + line + "' in 90 s:\n" + Instances.output(home));
            Thread.sleep(20);
        }
    }

    private static void assertAllFree(int offset, String when) {
        for (PlannedPort port : plan(offset).enabledPorts()) {
            for (Protocol protocol : port.definition().protocols()) {
                assertTrue(ServerLifecycleTest.free(port.effective(), protocol),
                        port.id() + " " + port.effective() + " " + protocol + " still held " + when);
            }
        }
    }

    private static void assertConsoleAnswers(Path home, int offset) throws Exception {
        String url = "https://localhost:" + plan(offset).effective("https") + "/console";
        assertEquals(200, Instances.get(Instances.httpsClient(home), url).statusCode());
    }

    @Test
    void killMinusNineInTheMiddleOfStartUpThenARestartAtTheSameOffset() throws Exception {
        Path home = Instances.newHome(dir, "killed", TOML);
        try (Instances instances = new Instances()) {
            Process killed = instances.start(home, "-DportOffset=5101");
            awaitOutput(home, killed, MID_START);
            killed.destroyForcibly();
            assertEquals(137, Instances.awaitExit(killed));
            assertAllFree(5101, "after kill -9");

            Files.delete(home.resolve("console.out"));
            JsonNode record = Instances.awaitRunning(home, instances.start(home, "-DportOffset=5101"));
            assertEquals(5101, record.get("ports").get("offset").asInt());
            assertConsoleAnswers(home, 5101);
        }
    }

    @Test
    void sigtermInTheMiddleOfStartUpEndsTheProcessAndReleasesEveryPort() throws Exception {
        Path home = Instances.newHome(dir, "termed", TOML);
        try (Instances instances = new Instances()) {
            Process termed = instances.start(home, "-DportOffset=5102");
            awaitOutput(home, termed, MID_START);
            termed.destroy();
            int exit = Instances.awaitExit(termed);
            assertTrue(exit != 0, "exit " + exit + ":\n" + Instances.output(home));
            assertAllFree(5102, "after SIGTERM during start-up");
            assertFalse(Files.exists(home.resolve("runtime/instance.json"))
                    && Files.readString(home.resolve("runtime/instance.json")).contains("\"running\""),
                    "runtime file still says running");
            Berth.Result status = Berth.run(home, "status");
            assertEquals(3, status.exitCode(), status.toString());
        }
    }

    /**
     * Observed behaviour, kept so a change is noticed: with runtime/ gone, the client tools cannot
     * find the instance (status and stop say "not running", exit 3) while it keeps serving; SIGTERM
     * still stops it cleanly and releases every port.
     */
    @Test
    void runtimeDirectoryRemovedWhileRunning() throws Exception {
        Path home = Instances.newHome(dir, "noruntime", TOML);
        try (Instances instances = new Instances()) {
            Process server = instances.startReady(home, "-DportOffset=5103");
            try (Stream<Path> files = Files.walk(home.resolve("runtime"))) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            Berth.Result status = Berth.run(home, "status");
            assertEquals(3, status.exitCode(), status.toString());
            assertTrue(status.out().contains("Berth is not running in " + home), status.toString());
            Berth.Result stop = Berth.run(home, "stop");
            assertEquals(3, stop.exitCode(), stop.toString());
            assertTrue(server.isAlive());
            assertConsoleAnswers(home, 5103);

            server.destroy();
            assertEquals(0, Instances.awaitExit(server), "a clean stop by SIGTERM exits 0\n" + Instances.output(home));
            assertTrue(Instances.output(home).contains("Berth stopped; every port released"), Instances.output(home));
            assertAllFree(5103, "after SIGTERM");
        }
    }

    @Test
    void aStaleRuntimeEntryOfADeadPidIsReportedAndDoesNotBlockAStart() throws Exception {
        Path home = Instances.newHome(dir, "stale", TOML);
        Process gone = new ProcessBuilder("true").start();
        assertEquals(0, Instances.awaitExit(gone));
        Files.createDirectories(home.resolve("runtime"));
        Files.writeString(home.resolve("runtime/instance.json"), "{\"pid\":" + gone.pid() + ",\"home\":\"" + home
                + "\",\"state\":\"running\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                + "\"consoleUrl\":\"https://localhost:14547/console\",\"jmxServiceUrl\":\"\","
                + "\"ports\":{\"offset\":5104,\"offsetSource\":\"system property portOffset\",\"offsetAuto\":false,\"ports\":[]}}");
        Berth.Result status = Berth.run(home, "status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("stale runtime file of pid " + gone.pid()), status.toString());

        try (Instances instances = new Instances()) {
            Process server = instances.start(home, "-DportOffset=5104");
            // Instances.awaitRunning would take the stale file itself for "running": wait for this pid's record.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (Instances.awaitRunning(home, server).get("pid").asLong() != server.pid()) {
                assertTrue(System.nanoTime() < deadline, "no record of pid " + server.pid() + ":\n" + Instances.output(home));
                Thread.sleep(100);
            }
            Berth.Result running = Berth.run(home, "status");
            assertEquals(0, running.exitCode(), running.toString());
            assertTrue(running.out().contains("(pid " + server.pid() + ")"), running.toString());
        }
    }
}
