package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.server.host.HostEntry;
import io.berth.server.host.HostRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/berth.sh start} leaves the server in the background (as {@code wso2server.sh start}), so a script
 * that starts one with {@code start ... &}, kills the pid it knows at its end and removes its scratch home
 * would leave a JVM holding ports that nothing can stop. Two guards, each through the built distribution:
 * an instance whose base is deleted stops itself, and a start killed while it waits stops what it was starting.
 */
class NoServerLeftBehindTest {

    /** The base watch looks every 2 s; a stop takes a few more on a loaded machine. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Every JVM a test started, killed after it if a failed assertion left it running. */
    private final List<ProcessHandle> servers = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        servers.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aServerWhoseBaseIsDeletedStopsItselfAndReleasesItsClaim() throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "scratch");
        // A neighbour taking a port between the pick and the bind is the start's own to retry (StartCommand).
        CommandResult start = home.berth("start", "-DportOffset=auto");
        assertEquals(0, start.exitCode(), start.toString());
        long pid = pidInRuntimeFile(home);
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + "\n" + start));
        servers.add(server);
        assertTrue(entryOf(home, pid).isPresent(), "the running server has no entry in " + home.registry());
        // The console output goes on into the deleted file; a second name for it outside the base keeps it readable.
        Path output = dir.resolve("scratch-berth.out");
        Files.createLink(output, home.resolve("logs/berth.out"));

        deleteTree(home.path());

        server.onExit().completeOnTimeout(server, STOP_BOUND.toSeconds(), TimeUnit.SECONDS).join();
        assertFalse(server.isAlive(), "the server of a deleted base still runs after " + STOP_BOUND);
        String out = Files.readString(output, StandardCharsets.UTF_8);
        List<String> why = out.lines().filter(line -> line.contains("Berth stops itself: its base " + home.path()
                + " no longer exists")).toList();
        assertEquals(1, why.size(), "one line saying why\n" + out);
        assertTrue(out.contains("Berth stopped; every port released"), "a clean stop\n" + out);
        assertEquals(Optional.empty(), entryOf(home, pid), "the host registry still holds the deleted base's claim");
    }

    @Test
    void aStartKilledBySigtermWhileItWaitsStopsTheInstanceItWasStarting() throws Exception {
        killedWhileStarting("TERM", 143);
    }

    @Test
    void aStartKilledBySighupWhileItWaitsStopsTheInstanceItWasStarting() throws Exception {
        killedWhileStarting("HUP", 129);
    }

    /**
     * Kills {@code bin/berth.sh start} with {@code signal} once the instance it starts has claimed its ports in the
     * host registry, before it runs (a fresh base makes its keys in between, which takes seconds), and checks that
     * the launcher exits {@code code} with one line and that no process, runtime file or claim of the base is left.
     */
    private void killedWhileStarting(String signal, int code) throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "killed-" + signal);
        Path err = dir.resolve("killed-" + signal + ".err");
        Process launcher = home.command("start", "-DportOffset=auto").redirectOutput(dir.resolve("killed.out").toFile())
                .redirectError(err.toFile()).start();
        try {
            HostEntry claim = awaitClaim(home, launcher);
            ProcessHandle server = ProcessHandle.of(claim.pid()).orElseThrow();
            servers.add(server);
            assertTrue(launcher.isAlive(), "the start ended before it could be interrupted: "
                    + Files.readString(dir.resolve("killed.out")));

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(launcher.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());

            assertTrue(launcher.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS), "the start did not end after SIG" + signal);
            String lines = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(code, launcher.exitValue(), lines);
            assertEquals("berth: start interrupted by SIG" + signal + "; the instance it was starting (pid " + claim.pid()
                    + ") is stopped", lines.strip());
            assertFalse(server.isAlive(), "the instance it was starting runs on");
            assertEquals(Optional.empty(), entryOf(home, claim.pid()), "its claim is left in " + home.registry());
            assertFalse(Files.exists(home.resolve("runtime/instance.json")), "its runtime file is left");
            CommandResult status = home.berth("status");
            assertEquals(3, status.exitCode(), status.toString());
        } finally {
            launcher.destroyForcibly();
        }
    }

    /** The registry entry of a process the launcher started, once there (bounded): the ports are claimed then. */
    private static HostEntry awaitClaim(TestHome home, Process launcher) throws Exception {
        long deadline = System.nanoTime() + TestServer.START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> children = launcher.toHandle().descendants().map(ProcessHandle::pid).toList();
            Optional<HostEntry> entry = new HostRegistry(home.registry()).entries().stream()
                    .filter(candidate -> children.contains(candidate.pid())).findFirst();
            if (entry.isPresent()) {
                return entry.get();
            }
            assertTrue(launcher.isAlive(), "the start ended before its instance claimed its ports");
            Thread.sleep(5);
        }
        throw new AssertionError("no claim in " + home.registry() + " within " + TestServer.START_BOUND);
    }

    private static Optional<HostEntry> entryOf(TestHome home, long pid) {
        return new HostRegistry(home.registry()).entries().stream().filter(entry -> entry.pid() == pid).findFirst();
    }

    /** {@code rm -rf}: links (the home's lib/) are removed, never followed. */
    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** The pid that a home's runtime file names: the server's JVM, as client tools find it. */
    private static long pidInRuntimeFile(TestHome home) throws Exception {
        return new ObjectMapper().readTree(home.resolve("runtime/instance.json").toFile()).get("pid").asLong();
    }
}
