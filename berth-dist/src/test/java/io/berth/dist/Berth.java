package io.berth.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged home's {@code bin/berth.sh} as a user would, and captures what it prints. */
final class Berth {

    /** What one run printed and how it exited. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Path home() {
        return Path.of(System.getProperty("berth.home", "target/berth")).toAbsolutePath();
    }

    /** What an install makes for itself: never copied from one home to another, so no two test homes share keys or state. */
    private static final java.util.Set<String> INSTALL_STATE = java.util.Set.of("runtime", "logs", "repository", "data");

    /** A fresh copy of the packaged home at {@code target}: bin/, conf/ and lib/, none of an install's own state. */
    static Path copyHome(Path target) throws IOException {
        return copyHome(home(), target);
    }

    /** A copy of the home {@code from} at {@code target}: its bin/, conf/ and lib/, none of an install's own state. */
    static Path copyHome(Path from, Path target) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path relative = from.relativize(source);
                if (relative.getNameCount() > 0 && INSTALL_STATE.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(home(), args);
    }

    static Result run(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/berth.sh").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("berth-out", ".txt");
        Path err = Files.createTempFile("berth-err", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("berth " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private Berth() {
    }
}
