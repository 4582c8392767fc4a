package io.berth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.berth.server.security.InstanceClient;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Copies of the packaged home started as real server processes, each stopped (forcibly if need be)
 * when the test closes this.
 */
final class Instances implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY = Duration.ofSeconds(90);

    private final List<Process> processes = new ArrayList<>();
    private String javaOptions = "-Xmx256m -XX:TieredStopAtLevel=1";

    /** Adds JVM options, after the tests' own, to every later start. */
    Instances withJavaOptions(String options) {
        javaOptions = javaOptions + " " + options;
        return this;
    }

    /** A fresh copy of the packaged home under {@code dir}, with {@code toml} as its conf/deployment.toml. */
    static Path newHome(Path dir, String name, String toml) throws IOException {
        Path home = Berth.copyHome(dir.resolve(name));
        Files.writeString(home.resolve("conf/deployment.toml"), toml);
        return home;
    }

    /** Starts {@code bin/berth.sh} (no command: the server in the foreground) in {@code home}, its output in {@code home/console.out}. */
    Process start(Path home, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/berth.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile());
        builder.environment().put("JAVA_OPTS", javaOptions);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Starts and waits until the runtime file says running; fails with the output if the process dies first. */
    Process startReady(Path home, String... args) throws IOException, InterruptedException {
        Process process = start(home, args);
        awaitRunning(home, process);
        return process;
    }

    static JsonNode awaitRunning(Path home, Process process) throws IOException, InterruptedException {
        Path runtime = home.resolve("runtime/instance.json");
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("instance in " + home + " exited with " + process.exitValue() + ":\n" + output(home));
            }
            if (Files.exists(runtime)) {
                try {
                    JsonNode record = JSON.readTree(runtime.toFile());
                    if ("running".equals(record.path("state").asText())) {
                        return record;
                    }
                } catch (IOException halfWritten) {
                    // Written atomically, but a reader may race the rename on some file systems: read again.
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instance in " + home + " not running after " + READY + ":\n" + output(home));
    }

    static String output(Path home) throws IOException {
        Path out = home.resolve("console.out");
        return Files.exists(out) ? Files.readString(out) : "(no output)";
    }

    /** Waits, bounded, for a process to end and returns its exit code. */
    static int awaitExit(Process process) throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not exit within 60 s");
        }
        return process.exitValue();
    }

    /** An HTTPS client that trusts exactly the certificate the home generated on its first start. */
    static HttpClient httpsClient(Path home) throws Exception {
        return HttpClient.newBuilder().sslContext(InstanceClient.trusting(certificate(home)))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The certificate the home generated on its first start. */
    static Certificate certificate(Path home) throws Exception {
        Path security = home.resolve("repository/security");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(security.resolve("berth.p12"))) {
            keys.load(in, Files.readString(security.resolve("berth.p12.password")).strip().toCharArray());
        }
        return keys.getCertificate("berth");
    }

    static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroy();
            }
        }
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
