package io.berth.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Copies of the packaged home, each with its own conf/ and runtime/, and a host registry of their
 * own, so these tests neither see nor disturb instances started by anyone else.
 */
final class Homes {

    /** Light JVMs: these tests start many at once on a small machine. */
    static final String JAVA_OPTS = "-Xmx64m -XX:TieredStopAtLevel=1 -Xss512k -XX:+UseSerialGC";

    private final Path registry;

    Homes(Path registry) {
        this.registry = registry;
    }

    /** bin/ and conf/ copied, lib/ linked: the launcher finds its home from its own path. */
    static Path copy(Path target, String deploymentToml) throws IOException {
        Path packaged = Berth.home();
        Files.createDirectories(target.resolve("bin"));
        Files.createDirectories(target.resolve("conf"));
        Files.copy(packaged.resolve("bin/berth.sh"), target.resolve("bin/berth.sh"));
        Files.copy(packaged.resolve("conf/log4j2.properties"), target.resolve("conf/log4j2.properties"));
        Files.writeString(target.resolve("conf/deployment.toml"), deploymentToml);
        Files.createSymbolicLink(target.resolve("lib"), packaged.resolve("lib"));
        return target;
    }

    Map<String, String> environment() {
        return Map.of("BERTH_HOST_REGISTRY", registry.toString(), "JAVA_OPTS", JAVA_OPTS);
    }

    ProcessBuilder builder(Path home, String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/berth.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment());
        return builder;
    }

    /** Starts a server (bin/berth.sh with no command: in the foreground of its process), its output in {@code <home>/out.txt}. */
    Process start(Path home, String... args) throws IOException {
        return builder(home, args)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("out.txt").toFile())
                .start();
    }

    Berth.Result run(Path home, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("berth-out", ".txt");
        Path err = Files.createTempFile("berth-err", ".txt");
        try {
            Process process = builder(home, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Berth.Result(process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Stops every process politely, then forcibly, and waits for each; never throws. */
    static void stopAll(List<Process> processes) {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.stream().flatMap(process -> Stream.concat(Stream.of(process.toHandle()), process.descendants()))
                .forEach(ProcessHandle::destroyForcibly);
    }
}
