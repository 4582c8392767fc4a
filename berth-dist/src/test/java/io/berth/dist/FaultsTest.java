package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults a real instance meets: signals in the middle of start-up, its runtime directory removed
 * while it runs, a stale runtime file.
 */
class FaultsTest {

    private static final String TOML = "[server]\nhostname = \"localhost\"\n";
    /** Logged once the KDC has bound and before Thrift and the servlet transports have: the middle of start-up. */
    private static final String MID_START = "KDC for realm";

    @TempDir
    Path dir;

    private TestHome home(String name) throws Exception {
        return TestHome.copyOfDistribution(dir, name).config(TOML);
    }

    /** In a network namespace of its own: on this host a neighbour's {@code auto} would take the freed offset first. */
    @Test
    void killMinusNineInTheMiddleOfStartUpThenARestartAtTheSameOffset() throws Exception {
        String reason = NetNamespaces.unavailableReason();
        assumeTrue(reason == null, () -> "skipped: cannot create a network namespace: " + reason);
        try (NetNamespaces net = NetNamespaces.isolated(dir)) {
            TestHome home = home("killed").on(net.a());
            int offset;
            try (TestServer killed = TestServer.launchUntil(home, MID_START)) {
                offset = killed.offset();
                killed.kill();
                assertEquals(137, killed.awaitExit());
                killed.assertReleased("after kill -9");
            }
            try (TestServer restarted = TestServer.start(home, "-DportOffset=" + offset)) {
                assertEquals(offset, restarted.runtimeRecord().get("ports").get("offset").asInt());
                assertTrue(restarted.get("/console").contains("Berth"), "the console answers");
            }
        }
    }

    @Test
    void sigtermInTheMiddleOfStartUpEndsTheProcessAndReleasesEveryPort() throws Exception {
        TestHome home = home("termed");
        try (TestServer termed = TestServer.launchUntil(home, MID_START)) {
            int exit = termed.stop();
            assertTrue(exit != 0, "exit " + exit + ":\n" + termed.output());
            termed.assertReleased("after SIGTERM during start-up");
            assertFalse(Files.exists(home.resolve("runtime/instance.json"))
                    && Files.readString(home.resolve("runtime/instance.json")).contains("\"running\""),
                    "runtime file still says running");
            CommandResult status = home.berth("status");
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
        TestHome home = home("noruntime");
        try (TestServer server = TestServer.start(home)) {
            try (Stream<Path> files = Files.walk(home.resolve("runtime"))) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            CommandResult status = home.berth("status");
            assertEquals(3, status.exitCode(), status.toString());
            assertTrue(status.out().contains("Berth is not running in " + home), status.toString());
            CommandResult stop = home.berth("stop");
            assertEquals(3, stop.exitCode(), stop.toString());
            assertTrue(server.alive());
            assertEquals(200, server.request("/console").statusCode());

            assertEquals(0, server.stop(), "a clean stop by SIGTERM exits 0\n" + server.output());
            assertTrue(server.output().contains("Berth stopped; every port released"), server.output());
            server.assertReleased("after SIGTERM");
        }
    }

    @Test
    void aStaleRuntimeEntryOfADeadPidIsReportedAndDoesNotBlockAStart() throws Exception {
        TestHome home = home("stale");
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        Files.createDirectories(home.resolve("runtime"));
        Files.writeString(home.resolve("runtime/instance.json"), "{\"pid\":" + gone.pid() + ",\"home\":\"" + home
                + "\",\"state\":\"running\",\"startedAt\":\"2026-01-01T00:00:00Z\","
                + "\"consoleUrl\":\"https://localhost:14547/console\",\"jmxServiceUrl\":\"\","
                + "\"ports\":{\"offset\":5104,\"offsetSource\":\"system property portOffset\",\"offsetAuto\":false,\"ports\":[]}}");
        CommandResult status = home.berth("status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.out().contains("stale runtime file of pid " + gone.pid()), status.toString());

        try (TestServer server = TestServer.start(home)) {
            assertEquals(server.pid(), server.runtimeRecord().get("pid").asLong());
            CommandResult running = home.berth("status");
            assertEquals(0, running.exitCode(), running.toString());
            assertTrue(running.out().contains("(pid " + server.pid() + ")"), running.toString());
        }
    }
}
