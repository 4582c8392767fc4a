package io.berth.server.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link ClusterMemberMain} in its own JVM, optionally behind a command prefix such as "ip netns exec NS". */
final class MemberProcess implements AutoCloseable {

    /** What a member last wrote about itself. */
    record Snapshot(String failure, int members, List<MemberCard> cards) {
        List<String> hosts() {
            return cards.stream().map(card -> card.host() + "+" + card.offset()).toList();
        }
    }

    private final String name;
    private final Process process;
    private final Path out;
    private final Path log;

    private MemberProcess(String name, Process process, Path out, Path log) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.log = log;
    }

    static MemberProcess start(List<String> prefix, String name, Path workDir, String... args) throws IOException {
        Files.createDirectories(workDir);
        Path out = workDir.resolve(name + ".directory");
        Path log = workDir.resolve(name + ".log");
        Files.deleteIfExists(out);
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // An IPv6 member needs the JVM's IPv6 stack; the others keep the IPv4 one these tests always used.
        boolean ipv6 = List.of(args).stream().anyMatch(arg -> arg.startsWith("host=") && arg.contains(":"));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.net.preferIPv4Stack=" + !ipv6,
                "@" + optionsFile("berth.jvm.options"), "@" + optionsFile("berth.cluster.options")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterMemberMain.class.getName()));
        command.addAll(List.of(args));
        command.add("out=" + out);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new MemberProcess(name, process, out, log);
    }

    /**
     * A member's JVM options, as bin/berth.sh gives them to a server whose configuration names a membership
     * scheme: conf/jvm.options and conf/cluster.options, their paths passed by surefire in {@code property}.
     */
    private static String optionsFile(String property) {
        String file = System.getProperty(property);
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException(property + " names no file (was " + file + "); run the tests through Maven");
        }
        return file;
    }

    Snapshot snapshot() throws IOException {
        if (!Files.exists(out)) {
            return new Snapshot(null, 0, List.of());
        }
        int members = 0;
        String failure = null;
        List<MemberCard> cards = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "members" -> members = Integer.parseInt(f[1]);
                case "failed" -> failure = f.length > 1 ? f[1] : "";
                case "card" -> cards.add(new MemberCard(f[1], f[3], Integer.parseInt(f[2]), f[4]));
                default -> throw new IOException("unexpected line in " + out + ": " + line);
            }
        }
        return new Snapshot(failure, members, cards);
    }

    /** Polls until the member's snapshot satisfies {@code condition}; fails with the last one and the log tail. */
    Snapshot await(String what, Predicate<Snapshot> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Snapshot last = snapshot();
        while (!condition.test(last)) {
            if (last.failure() != null || !process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(name + ": " + what + " not reached within " + timeout + "; alive="
                        + process.isAlive() + ", last=" + last + "\n--- log tail ---\n" + logTail());
            }
            Thread.sleep(200);
            last = snapshot();
        }
        return last;
    }

    /** Waits for the process to exit on its own, e.g. after a failed start. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout + "\n" + logTail());
        }
        return process.exitValue();
    }

    /** kill -9: no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Graceful stop via stdin, then kill -9 whatever is left. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
