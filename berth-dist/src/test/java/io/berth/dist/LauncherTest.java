package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/berth.sh as a WSO2 operator types it ({@code sh wso2server.sh start|stop|restart|version},
 * {@code --debug PORT}), and one install running several bases, each started in the background, through
 * the built distribution. The install is the build's own and is only read: every base lives under the
 * test's directory, and every offset is {@code auto}, so neighbours on the host never collide with it.
 */
class LauncherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA_OPTS = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    @TempDir
    Path dir;

    private final List<Path> started = new ArrayList<>();

    /** What one run printed and how it exited. */
    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Path launcher() {
        return TestHome.distribution().path().resolve("bin/berth.sh");
    }

    /** Runs {@code command} to its end, bounded, with the environment's additions {@code env}. */
    private static Run run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher-out", ".txt");
        Path err = Files.createTempFile("launcher-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("JAVA_OPTS", JAVA_OPTS);
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 180 s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code sh bin/berth.sh ARGS}: as WSO2's documentation has operators run wso2server.sh. */
    private static Run sh(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", launcher().toString()));
        command.addAll(List.of(args));
        return run(Map.of(), command);
    }

    private Run base(Path base, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "--base", base.toString()));
        command.addAll(List.of(args));
        if (List.of(args).contains("start") || List.of(args).contains("restart")) {
            started.add(base);
        }
        return run(Map.of(), command);
    }

    /**
     * {@code start} (or {@code restart}) at an {@code auto} offset, started again when a neighbour on the host
     * bound a port between this start's pick and its bind (its line says "is taken by"): the one race a
     * shared host genuinely has. Any other failure is returned as it is.
     */
    private Run startAuto(Path base, String command) throws IOException, InterruptedException {
        Run run = base(base, command, "-DportOffset=auto");
        for (int attempt = 1; attempt < 3 && run.exit() == 1 && run.err().contains(" is taken by "); attempt++) {
            run = base(base, "start", "-DportOffset=auto");
        }
        return run;
    }

    private Path newBase(Path base) throws IOException, InterruptedException {
        Run create = run(Map.of(), List.of(launcher().toString(), "home", "create", base.toString()));
        assertEquals(0, create.exit(), create.toString());
        assertTrue(create.out().contains("Created the base " + base), create.toString());
        return base;
    }

    private static JsonNode runtimeRecord(Path base) throws IOException {
        return JSON.readTree(base.resolve("runtime/instance.json").toFile());
    }

    @org.junit.jupiter.api.AfterEach
    void stopWhatWasStarted() throws Exception {
        for (Path base : started) {
            if (Files.exists(base.resolve("runtime/instance.json"))) {
                base(base, "stop");
            }
        }
    }

    @Test
    void shRunsTheLauncherAndItsVersionCommandsPrintTheVersion() throws Exception {
        for (String form : List.of("version", "--version", "-version")) {
            Run version = sh(form);
            assertEquals(0, version.exit(), form + "\n" + version);
            assertTrue(version.out().startsWith("berth "), form + "\n" + version);
            assertFalse(version.err().contains("Illegal option"), form + "\n" + version);
        }
    }

    /**
     * Hazelcast's module options (conf/cluster.options) cost a JVM its archived module graph, so the launcher
     * gives them only to a configuration that names a membership scheme: the JVM says which it booted with.
     */
    @Test
    void onlyAConfigurationNamingAMembershipSchemeGetsTheClusterOptions() throws Exception {
        Path base = newBase(dir.resolve("modules"));
        // G1, as a server runs by default: with the serial collector the JVM maps no archived heap objects,
        // and so no archived module graph, whatever the options.
        Map<String, String> logCds = Map.of("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseG1GC -Xlog:cds=info");
        Run plain = run(logCds, List.of(launcher().toString(), "--base", base.toString(), "version"));
        assertEquals(0, plain.exit(), plain.toString());
        assertTrue(plain.out().contains("full module graph: enabled"), plain.toString());

        Path clustered = dir.resolve("clustered.toml");
        Files.writeString(clustered, Files.readString(base.resolve("conf/deployment.toml"))
                + "\n[clustering]\nmembership_scheme = \"wka\"\n");
        for (List<String> reading : List.of(List.of("--config", clustered.toString()), List.of("--config=" + clustered))) {
            List<String> command = new ArrayList<>(List.of(launcher().toString(), "--base", base.toString(), "version"));
            command.addAll(reading);
            Run member = run(logCds, command);
            assertTrue(member.out().contains("full module graph: disabled"), reading + "\n" + member);
        }
        Files.copy(clustered, base.resolve("conf/deployment.toml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run member = run(logCds, List.of(launcher().toString(), "--base", base.toString(), "version"));
        assertEquals(0, member.exit(), member.toString());
        assertTrue(member.out().contains("full module graph: disabled"), member.toString());
        assertTrue(Files.readString(TestHome.distribution().path().resolve("conf/cluster.options"))
                .contains("--add-opens java.base/java.lang=ALL-UNNAMED"));
    }

    /** A debug port that is taken is Berth's one line naming it and its holder, before any JVM starts. */
    @Test
    void aTakenDebugPortIsRefusedInOneLineNamingItsHolder() throws Exception {
        try (java.net.ServerSocket held = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            Path base = newBase(dir.resolve("dbg"));
            Run debug = base(base, "--debug", Integer.toString(port));
            assertEquals(1, debug.exit(), debug.toString());
            assertTrue(debug.err().strip().startsWith("berth: debug port " + port + "/tcp is taken by pid "
                    + ProcessHandle.current().pid() + " ("), debug.toString());
            assertEquals(1, debug.err().strip().lines().count(), debug.toString());
            assertFalse(debug.err().contains("transport error"), debug.toString());
            assertFalse(Files.exists(base.resolve("runtime/instance.json")), "no server started");
        }
        Run bad = sh("--debug", "5005x");
        assertEquals(2, bad.exit(), bad.toString());
        assertEquals("berth: Invalid debug port '5005x' after --debug: give a port number 1..65535", bad.err().strip());
    }

    @Test
    void debugWithoutAPortIsRefusedInOneLine() throws Exception {
        Run debug = sh("--debug");
        assertEquals(2, debug.exit(), debug.toString());
        assertEquals("berth: Please specify the debug port after the --debug option", debug.err().strip(), debug.toString());
    }

    @Test
    void aCommandsHelpIsPrintedToStandardOutputAndStartsNothing() throws Exception {
        Path base = newBase(dir.resolve("help"));
        for (List<String> asked : List.of(List.of("start", "--help"), List.of("--start", "-h"), List.of("help", "ports"),
                List.of("ports", "check", "--help"), List.of("home", "create", "-h"), List.of("kdc", "krb5conf", "--help"),
                List.of("cds", "--help"), List.of("cds", "-h"))) {
            Run help = base(base, asked.toArray(String[]::new));
            assertEquals(0, help.exit(), asked + "\n" + help);
            String command = String.join(" ", asked.stream().filter(word -> !word.startsWith("-") && !word.equals("help")).toList());
            String expected = "Usage: berth " + (command.equals("start") || asked.get(0).equals("--start") ? "start" : command);
            assertTrue(help.out().contains(expected), asked + ": expected [" + expected + "]\n" + help);
            assertTrue(help.err().isBlank(), asked + "\n" + help);
        }
        started.clear();
        assertFalse(Files.exists(base.resolve("runtime")), "a --help started a server");
        assertFalse(Files.exists(TestHome.distribution().path().resolve("lib/berth.jsa.tmp")), "cds --help began a training start");
    }

    /** The background start reports a mistyped option as the foreground one does: the nearest option and where help is. */
    @Test
    void aBackgroundStartWithAMistypedOptionNamesTheNearestOne() throws Exception {
        Path base = newBase(dir.resolve("typo"));
        Run start = base(base, "start", "--prot-offset", "2");
        assertEquals(2, start.exit(), start.toString());
        assertEquals(List.of("berth: Unknown option: '--prot-offset'", "Did you mean --port-offset?",
                "Try 'berth start --help' for its options."), start.err().strip().lines().toList(), start.toString());
    }

    /** An offset the user states wins over the instance running in the base: krb5.conf points where they asked. */
    @Test
    void aStatedOffsetWinsOverTheRunningInstanceForKrb5conf() throws Exception {
        Path base = newBase(dir.resolve("kdc"));
        Run start = startAuto(base, "start");
        assertEquals(0, start.exit(), start.toString());
        int running = runtimeRecord(base).get("ports").get("offset").asInt();
        Run live = base(base, "kdc", "krb5conf");
        assertEquals(0, live.exit(), live.toString());
        assertTrue(live.out().contains(":" + (8000 + running) + "\n"), "with no offset stated, the running instance's\n" + live);
        int stated = running + 7;
        Run property = base(base, "-DportOffset=" + stated, "kdc", "krb5conf");
        assertEquals(0, property.exit(), property.toString());
        assertTrue(property.out().contains(":" + (8000 + stated) + "\n"), "-DportOffset=" + stated + "\n" + property);
        Run option = base(base, "kdc", "--offset", Integer.toString(stated), "krb5conf");
        assertTrue(option.out().contains(":" + (8000 + stated) + "\n"), "--offset " + stated + "\n" + option);
    }

    /** A hint names the command the user ran: BERTH_LAUNCHER, which a wrapper such as the clone's ./berth sets. */
    @Test
    void hintsNameTheLauncherTheUserRan() throws Exception {
        Path nowhere = dir.resolve("nowhere");
        Run plain = run(Map.of(), List.of(launcher().toString(), "--base", nowhere.toString(), "status"));
        assertTrue(plain.err().contains("make one with: bin/berth.sh home create " + nowhere), plain.toString());
        Run wrapped = run(Map.of("BERTH_LAUNCHER", "./berth"), List.of(launcher().toString(), "--base", nowhere.toString(), "status"));
        assertEquals(2, wrapped.exit(), wrapped.toString());
        assertTrue(wrapped.err().contains("make one with: ./berth home create " + nowhere), wrapped.toString());
        Run create = run(Map.of("BERTH_LAUNCHER", "./berth"), List.of(launcher().toString(), "home", "create", nowhere.toString()));
        assertEquals(0, create.exit(), create.toString());
        assertTrue(create.out().contains("Start it with: ./berth --base " + nowhere + " start"), create.toString());
    }

    @Test
    void basesOfOneInstallStartInTheBackgroundAndStopCleanly() throws Exception {
        Map<String, String> installBefore = hashes(TestHome.distribution().path().resolve("conf"));
        // Two bases with the same name in different directories: every view names each by its whole path.
        Path first = newBase(dir.resolve("a/c1"));
        // The second is made by its first start, as --base DIR makes a base that does not exist yet.
        Path second = dir.resolve("b/c1");
        assertTrue(Files.isRegularFile(first.resolve("conf/deployment.toml")));
        assertFalse(Files.exists(second));
        assertFalse(Files.exists(first.resolve("conf/jvm.options")), "the install's JVM options stay the install's");

        for (Path base : List.of(first, second)) {
            Run start = startAuto(base, "start");
            assertEquals(0, start.exit(), start.toString());
            assertTrue(start.out().startsWith("Berth started in " + base + " (pid "), start.toString());
            assertEquals("running", runtimeRecord(base).get("state").asText());
            assertTrue(Files.size(base.resolve("logs/berth.out")) > 0, "the console output goes to logs/");
        }
        assertTrue(Files.isRegularFile(second.resolve("conf/deployment.toml")), "the start made its base");
        long firstPid = runtimeRecord(first).get("pid").asLong();
        assertTrue(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), "the server runs on after start returned");

        Run instances = base(first, "instances", "--format", "json");
        assertEquals(0, instances.exit(), instances.toString());
        List<String> homes = new ArrayList<>();
        JSON.readTree(instances.out()).get("instances").forEach(entry -> homes.add(entry.get("home").asText()));
        assertTrue(homes.containsAll(List.of(first.toString(), second.toString())), instances.toString());

        Run again = base(first, "--start", "-DportOffset=auto");
        assertEquals(1, again.exit(), again.toString());
        List<String> reason = again.err().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, reason.size(), "one line: the reason\n" + again);
        assertTrue(reason.get(0).startsWith("berth: Berth is already running in " + first), again.toString());

        Run restart = startAuto(first, "restart");
        assertEquals(0, restart.exit(), restart.toString());
        long restartedPid = runtimeRecord(first).get("pid").asLong();
        assertNotEquals(firstPid, restartedPid, restart.toString());
        assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), "the first server stopped");

        for (Path base : List.of(first, second)) {
            long pid = runtimeRecord(base).get("pid").asLong();
            Run stop = base(base, "stop");
            assertEquals(0, stop.exit(), stop.toString());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            Run status = base(base, "status");
            assertEquals(3, status.exit(), status.toString());
        }
        assertTrue(Files.readString(first.resolve("logs/berth.out")).contains("Berth stopped; every port released"));
        assertEquals(installBefore, hashes(TestHome.distribution().path().resolve("conf")), "a base's run changed the install's conf/");
    }

    /**
     * A foreground server, launched as the repository's {@code ./berth} does (a build first, then {@code exec} of the
     * launcher, so the JVM keeps the launching process's pid and start time): its {@code startedAt} is when its JVM
     * started, after the build, never the launch; a clean stop exits 0.
     */
    @Test
    void aForegroundServerStoppedByBerthStopExitsZero() throws Exception {
        Path base = newBase(dir.resolve("fg"));
        Path launched = dir.resolve("launched-at");
        // The "build": two seconds in the launching process before it execs the launcher.
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "sleep 2; date +%s%3N > \"$0\"; exec \"$@\"",
                launched.toString(), launcher().toString(), "--base", base.toString(), "-DportOffset=auto")
                .redirectErrorStream(true).redirectOutput(dir.resolve("fg.out").toFile());
        builder.environment().put("JAVA_OPTS", JAVA_OPTS);
        Process server = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.exists(base.resolve("runtime/instance.json"))
                    && runtimeRecord(base).get("state").asText().equals("running"))) {
                assertTrue(server.isAlive(), () -> "the server exited: " + read(dir.resolve("fg.out")));
                assertTrue(System.nanoTime() < deadline, "not running within 120 s");
                Thread.sleep(200);
            }
            java.time.Instant execed = java.time.Instant.ofEpochMilli(Long.parseLong(Files.readString(launched).strip()));
            JsonNode record = runtimeRecord(base);
            java.time.Instant startedAt = java.time.Instant.parse(record.get("startedAt").asText());
            assertFalse(startedAt.isBefore(execed), "startedAt " + startedAt + " counts the time before the JVM ran ("
                    + execed + ")");
            assertTrue(java.time.Instant.parse(record.get("processStartedAt").asText()).isBefore(execed),
                    "the process, which the runtime file tells from a later one with its pid, started before the exec: " + record);
            Run status = base(base, "status");
            assertEquals(0, status.exit(), "status finds the instance by its process: " + status);
            Run stop = base(base, "stop");
            assertEquals(0, stop.exit(), stop.toString());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue(), "a clean stop exits 0, so systemd needs no SuccessExitStatus\n"
                    + read(dir.resolve("fg.out")));
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * {@code restart} keeps the running instance's offset source ({@code -DportOffset=auto} stays auto), an offset
     * given to it wins, its own ports count as free for it, and a new start that cannot bind is refused before the
     * running instance stops: one line naming the port and its holder, and the instance keeps running.
     */
    @Test
    void restartKeepsTheOffsetSourceAndNeverStopsWhatItCannotStartAgain() throws Exception {
        Path first = newBase(dir.resolve("r1"));
        Path second = newBase(dir.resolve("r2"));
        for (Path base : List.of(first, second)) {
            Run start = startAuto(base, "start");
            assertEquals(0, start.exit(), start.toString());
        }
        Run restart = base(first, "restart");
        assertEquals(0, restart.exit(), restart.toString());
        JsonNode ports = runtimeRecord(first).get("ports");
        assertEquals("system property portOffset", ports.get("offsetSource").asText(), ports.toString());
        assertTrue(ports.get("offsetAuto").asBoolean(), "an instance started at auto restarts at auto: " + ports);

        // Its own offset, stated: its own ports are its own, so the check passes and the stated offset wins.
        String own = ports.get("offset").asText();
        Run stated = base(first, "restart", "-DportOffset=" + own);
        assertEquals(0, stated.exit(), stated.toString());
        assertFalse(runtimeRecord(first).get("ports").get("offsetAuto").asBoolean());
        assertEquals(own, runtimeRecord(first).get("ports").get("offset").asText());

        long pid = runtimeRecord(first).get("pid").asLong();
        String neighbour = runtimeRecord(second).get("ports").get("offset").asText();
        int https = runtimeRecord(second).get("ports").get("ports").get(0).get("effective").asInt();
        Run refused = base(first, "restart", "-DportOffset=" + neighbour);
        assertEquals(1, refused.exit(), refused.toString());
        List<String> lines = refused.err().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), refused.toString());
        assertTrue(lines.get(0).startsWith("berth: not restarting " + first + ": the new start at offset " + neighbour
                + " cannot bind " + https + "/tcp (https), taken by Berth instance " + second), refused.toString());
        assertTrue(lines.get(0).endsWith("the instance (pid " + pid + ") keeps running"), refused.toString());
        assertEquals(pid, runtimeRecord(first).get("pid").asLong());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the running instance was not stopped");
        assertEquals("running", runtimeRecord(first).get("state").asText());
    }

    /**
     * Two background starts at {@code auto} at once, each in a host registry of its own (as a user's start and a test
     * suite's), so neither sees the other's claim: both pick the same lowest free offset, and the one that loses the
     * bind starts again at the next free one, with a line saying so. Both run, at different offsets.
     */
    @Test
    void autoStartsThatRaceOutsideOneRegistryBothRun() throws Exception {
        List<Path> bases = List.of(newBase(dir.resolve("race1")), newBase(dir.resolve("race2")));
        List<java.util.concurrent.Future<Run>> starts = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (Path base : bases) {
                started.add(base);
                Map<String, String> env = Map.of("BERTH_HOST_REGISTRY", dir.resolve("registry-of-" + base.getFileName()).toString());
                starts.add(pool.submit(() -> run(env, List.of(launcher().toString(), "--base", base.toString(), "start",
                        "-DportOffset=auto"))));
            }
            for (java.util.concurrent.Future<Run> start : starts) {
                Run run = start.get(240, TimeUnit.SECONDS);
                assertEquals(0, run.exit(), run.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        assertNotEquals(runtimeRecord(bases.get(0)).get("ports").get("offset").asInt(),
                runtimeRecord(bases.get(1)).get("ports").get("offset").asInt());
        for (Path base : bases) {
            String log = read(base.resolve("logs/berth.out"));
            log.lines().filter(line -> line.contains(" is taken by ")).forEach(line -> assertTrue(
                    line.endsWith("; a port was taken between the pick and the bind, starting again at the next free offset"
                            + " (attempt 2 of 3)") || line.endsWith("(attempt 3 of 3)"), line));
        }
    }

    @Test
    void aBackgroundStartThatFailsSaysWhyInOneLineAndLeavesNothingRunning() throws Exception {
        Path base = newBase(dir.resolve("bad"));
        Run start = base(base, "start", "-DportOffset=abc");
        assertEquals(2, start.exit(), start.toString());
        assertEquals("berth: Invalid port offset 'abc' from system property portOffset: it is not a whole number;"
                + " give a whole number >= 0 or 'auto'", start.err().strip(), start.toString());
        assertTrue(start.out().isBlank(), start.toString());
        assertFalse(ProcessHandle.allProcesses().anyMatch(process -> process.info().commandLine()
                .map(line -> line.contains("-Dberth.home=" + base + " ")).orElse(false)), "a process of the base lives on");
    }

    @Test
    void homeCreateRefusesADirectoryInUseAndTheInstallItself() throws Exception {
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        Run create = run(Map.of(), List.of(launcher().toString(), "home", "create", used.toString()));
        assertEquals(2, create.exit(), create.toString());
        assertTrue(create.err().startsWith("berth: Invalid value '" + used + "' for DIR: the directory is not empty"),
                create.toString());
        assertEquals(List.of(used.resolve("notes.txt")), list(used), "nothing was changed");

        Run install = run(Map.of(), List.of(launcher().toString(), "home", "create", TestHome.distribution().path().resolve("conf/x").toString()));
        assertEquals(2, install.exit(), install.toString());
        assertFalse(Files.exists(TestHome.distribution().path().resolve("conf/x")));

        Run missing = run(Map.of(), List.of(launcher().toString(), "--base", dir.resolve("nowhere").toString(), "status"));
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("home create " + dir.resolve("nowhere")), missing.toString());
    }

    /**
     * The repository's ./berth keeps its base and its copy of the install outside the build's output, makes the base once from the shipped
     * conf/, keeps the user's edits, and never builds for a command that only reads.
     */
    @Test
    void theRepositoryScriptKeepsItsBaseAndNeverBuildsToRead() throws Exception {
        Path repo = Path.of(System.getProperty("berth.repo")).toAbsolutePath().normalize();
        Path base = dir.resolve("repo-base");
        Map<String, String> env = Map.of("BERTH_BASE", base.toString());
        Run status = run(env, List.of(repo.resolve("berth").toString(), "status"));
        assertEquals(3, status.exit(), status.toString());
        assertFalse(status.err().contains("building"), "status built the install\n" + status);
        assertTrue(status.err().contains("made the default base " + base), status.toString());
        // Its own copy of the install, which a rebuild of target/ (mvn verify, mvn clean) never touches.
        assertTrue(Files.isExecutable(repo.resolve("install/bin/berth.sh")), "./berth runs install/, not target/");

        Path config = base.resolve("conf/deployment.toml");
        Files.writeString(config, Files.readString(config).replaceFirst("(?m)^offset = 0$", "offset = 7"));
        Run ports = run(env, List.of(repo.resolve("berth").toString(), "ports", "--format", "json"));
        assertEquals(0, ports.exit(), ports.toString());
        assertFalse(ports.err().contains("building"), ports.toString());
        assertEquals(7, JSON.readTree(ports.out()).get("offset").asInt(), "the user's edit stands\n" + ports);

        Path nowhere = dir.resolve("nowhere");
        Run missing = run(env, List.of(repo.resolve("berth").toString(), "--base", nowhere.toString(), "status"));
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("make one with: " + repo.resolve("berth") + " home create " + nowhere),
                "the hint names the script the user ran\n" + missing);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                hashes.put(root.relativize(file).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return hashes;
    }
}
