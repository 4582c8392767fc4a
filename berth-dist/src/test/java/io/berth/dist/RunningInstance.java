package io.berth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.ports.Feature;
import io.berth.ports.PlannedPort;
import io.berth.ports.SocketProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import io.berth.server.security.InstanceClient;
import javax.net.ssl.SSLContext;

/**
 * One Berth instance started from its own copy of the packaged home, as a user starts it:
 * {@code bin/berth.sh --config <home>/conf/deployment.toml} (the server in the foreground of its process), in the background, its output in
 * {@code <home>/console.out}. {@link #close()} stops it with SIGTERM (what {@code berth stop} sends)
 * and kills it if it lingers, so a test that uses try-with-resources leaves no process behind.
 *
 * <p>{@code bin/berth.sh} execs java, and so does {@code ip netns exec}: the process started here is
 * the server's JVM itself, and {@link #kill()} is a real {@code kill -9} of the server.
 */
final class RunningInstance implements AutoCloseable {

    /** Bound of a start, from launch to the banner and a healthy {@code /api/health}. */
    static final Duration START_BOUND = Duration.ofSeconds(90);
    /** Keeps several server JVMs usable on two cores. */
    static final String JAVA_OPTS = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    static final String BANNER = "Berth started in ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_BOUND = Duration.ofSeconds(40);
    private static final Duration COMMAND_BOUND = Duration.ofSeconds(120);

    private final Path home;
    private final List<String> prefix;
    private final Process process;
    private final Path output;
    private HttpClient http;

    private RunningInstance(Path home, List<String> prefix, Process process, Path output) {
        this.home = home;
        this.prefix = List.copyOf(prefix);
        this.process = process;
        this.output = output;
    }

    /** A copy of the packaged home at {@code dir/name}: each instance keeps runtime/, logs/ and repository/ to itself. */
    static Path copyHome(Path dir, String name) throws IOException {
        return Berth.copyHome(dir.resolve(name).toAbsolutePath());
    }

    /** Copies the home to {@code dir/name}, starts it with {@code deploymentToml}, and waits until it serves. */
    static RunningInstance start(Path dir, String name, String deploymentToml) throws Exception {
        return launch(List.of(), copyHome(dir, name), deploymentToml).awaitStartedOrClose();
    }

    /**
     * The lowest offset in {@code from..to} from which {@code count} consecutive offsets find every
     * port of {@code features} that moves with the offset free on this host. Tests of other people use
     * other offset ranges, but an effective port of theirs may still equal one of ours (a KDC at offset
     * 5800 is on 13800, the Thrift port at offset 3300): probing first keeps such a neighbour from
     * failing a start. Fixed ports are left out: the multicast group port is shared.
     */
    static int freeOffsets(int from, int to, int count, Set<Feature> features) {
        SocketProbe probe = new SocketProbe();
        for (int base = from; base + count - 1 <= to; base++) {
            boolean free = true;
            for (int offset = base; free && offset < base + count; offset++) {
                for (PlannedPort port : Clusters.expected(offset, features).enabledPorts()) {
                    if (port.definition().offsetApplied()
                            && !port.definition().protocols().stream().allMatch(protocol -> probe.isFree(port.effective(), protocol))) {
                        free = false;
                        break;
                    }
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive offsets in " + from + ".." + to
                + " leave every port of " + features + " free on this host");
    }

    /**
     * Copies the home to {@code dir/name} and starts it at the first offset in {@code from..to} whose
     * ports are free ({@link #freeOffsets}). When a neighbour takes one of them between the probe and
     * the preflight, the start is refused with "is taken by", and the next offset is tried, a few times.
     *
     * @param configAt the deployment.toml for an offset
     */
    static RunningInstance startAtFreeOffset(Path dir, String name, int from, int to, Set<Feature> features,
            IntFunction<String> configAt) throws Exception {
        Path home = copyHome(dir, name);
        int offset = from;
        for (int attempt = 1; ; attempt++) {
            offset = freeOffsets(offset, to, 1, features);
            RunningInstance instance = launch(List.of(), home, configAt.apply(offset));
            try {
                return instance.awaitStarted();
            } catch (AssertionError refused) {
                boolean exited = !instance.alive();
                instance.close();
                if (attempt >= 5 || !exited || !instance.output().contains(" is taken by ")) {
                    throw refused;
                }
                System.err.println(home + ": offset " + offset + " was taken meanwhile, trying the next one: "
                        + instance.output().strip());
                offset++;
            }
        }
    }

    /**
     * Writes {@code deploymentToml} as the home's {@code conf/deployment.toml} (so later CLI commands in
     * this home read it too) and starts {@code bin/berth.sh --config} on it without waiting.
     *
     * @param prefix a command to run it under, e.g. {@code ip netns exec NS}; empty for none
     */
    static RunningInstance launch(List<String> prefix, Path home, String deploymentToml, String... extraArguments)
            throws IOException {
        Path config = home.resolve("conf/deployment.toml");
        Files.writeString(config, deploymentToml, StandardCharsets.UTF_8);
        Path output = home.resolve("console.out");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(home.resolve("bin/berth.sh").toString(), "--config", config.toString()));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("JAVA_OPTS", JAVA_OPTS);
        return new RunningInstance(home, prefix, builder.start(), output);
    }

    /** {@link #awaitStarted()}, killing the process if it does not get there. */
    RunningInstance awaitStartedOrClose() throws Exception {
        try {
            return awaitStarted();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Waits, bounded, for the banner line and then for {@code /api/health} to answer UP. */
    RunningInstance awaitStarted() throws Exception {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (!output().contains(BANNER)) {
            if (!process.isAlive()) {
                throw new AssertionError(home + ": the server exited (" + process.exitValue() + ") before it started\n"
                        + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(home + ": no '" + BANNER + "' line within " + START_BOUND + "\n" + output());
            }
            Thread.sleep(200);
        }
        // DEGRADED: up, but a cluster member that has found none of its members for a while.
        String health = await("/api/health answers UP", () -> get("/api/health"),
                body -> body.contains("\"UP\"") || body.contains("\"DEGRADED\""),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(5));
        if (!health.contains("\"running\"")) {
            throw new AssertionError(home + ": /api/health says " + health);
        }
        return this;
    }

    /** Waits, bounded, for the process to exit by itself, e.g. after a refused start. */
    int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(home + ": still running after " + bound + "\n" + outputForMessage());
        }
        return process.exitValue();
    }

    Path home() {
        return home;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Everything the server printed so far. */
    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    private String outputForMessage() {
        try {
            return output();
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    /** The instance's runtime file, as client tools read it. */
    JsonNode runtimeRecord() throws IOException {
        return JSON.readTree(home.resolve("runtime/instance.json").toFile());
    }

    /** The effective port of {@code id}, from the runtime file. */
    int port(String id) throws IOException {
        for (JsonNode port : runtimeRecord().get("ports").get("ports")) {
            if (port.get("id").asText().equals(id)) {
                return port.get("effective").asInt();
            }
        }
        throw new IllegalArgumentException("no port " + id + " in " + home.resolve("runtime/instance.json"));
    }

    /** The host the console URL names, i.e. {@code [server] hostname}. */
    String host() throws IOException {
        return URI.create(runtimeRecord().get("consoleUrl").asText()).getHost();
    }

    /** {@code https://<host>:<https port><path>}. */
    URI url(String path) throws IOException {
        return URI.create("https://" + host() + ":" + port("https") + path);
    }

    /**
     * GETs {@code path} over HTTPS trusting only this home's certificate: from this JVM, or with curl
     * under the prefix when the instance runs in a network namespace this JVM cannot reach.
     */
    String get(String path) throws Exception {
        if (!prefix.isEmpty()) {
            List<String> curl = new ArrayList<>(prefix);
            curl.addAll(List.of("curl", "-sS", "--fail", "--max-time", "10", "--cacert", caPem().toString(),
                    url(path).toString()));
            Berth.Result result = exec(curl, null);
            if (result.exitCode() != 0) {
                throw new IOException(String.join(" ", curl) + ": " + result);
            }
            return result.out();
        }
        if (http == null) {
            http = HttpClient.newBuilder().sslContext(tls()).connectTimeout(Duration.ofSeconds(10)).build();
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url(path) + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** GETs {@code path} and parses it as JSON. */
    JsonNode getJson(String path) throws Exception {
        return JSON.readTree(get(path));
    }

    /** This home's generated certificate, the only one the returned context trusts. */
    SSLContext tls() throws Exception {
        return InstanceClient.trusting(certificate());
    }

    /** The certificate as a PEM file, for curl's {@code --cacert}. */
    Path caPem() throws Exception {
        Path pem = home.resolve("berth-ca.pem");
        if (!Files.exists(pem)) {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate().getEncoded());
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
        }
        return pem;
    }

    private Certificate certificate() throws Exception {
        return Instances.certificate(home);
    }

    /** Runs {@code bin/berth.sh args} of this home (under the same prefix), with nothing on standard input. */
    Berth.Result berth(String... args) throws IOException, InterruptedException {
        return berthWithInput(null, args);
    }

    /** Runs {@code bin/berth.sh args} of this home, writing {@code input} to its standard input. */
    Berth.Result berthWithInput(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(home.resolve("bin/berth.sh").toString());
        command.addAll(List.of(args));
        return exec(command, input);
    }

    private static Berth.Result exec(List<String> command, String input) throws IOException, InterruptedException {
        Path out = Files.createTempFile("berth-out", ".txt");
        Path err = Files.createTempFile("berth-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("JAVA_OPTS", JAVA_OPTS);
        Process process = builder.start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in " + COMMAND_BOUND);
            }
            return new Berth.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Polls {@code probe} until its value satisfies {@code condition}; a probe that throws counts as not yet. */
    <T> T await(String what, Probe<T> probe, Predicate<T> condition, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError(home + ": " + what + " not reached within " + bound
                        + " (server alive: " + process.isAlive() + "); last: " + (lastError != null ? lastError : last)
                        + "\n--- output tail ---\n" + tail(outputForMessage(), 40));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            Thread.sleep(250);
        }
    }

    /** A value to poll. */
    @FunctionalInterface
    interface Probe<T> {
        T get() throws Exception;
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }

    /** {@code kill -9} of the server JVM: no goodbye to anyone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, as {@code berth stop} sends; SIGKILL if the server has not stopped within a bound. Safe to call twice. */
    @Override
    public void close() {
        if (http != null) {
            http = null;
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println(home + ": the server did not stop on SIGTERM within " + STOP_BOUND + "; killing it");
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
