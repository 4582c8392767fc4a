package io.berth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.ports.PortCatalogue;
import io.berth.ports.Protocol;
import io.berth.ports.SocketProbe;
import io.berth.server.host.HostEntry;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.PortHolders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One server process of a {@link TestHome}, started as a user starts it in a terminal: {@code bin/berth.sh}
 * with no command (as {@code wso2server.sh}), in the foreground of a child process, its output in
 * {@code <home>/console.out}. Unless the arguments state an offset, the
 * start asks for {@code -DportOffset=auto}, so the host registry picks ports free on this host; no test
 * names an offset or a port range of its own. {@link #close()} stops it with SIGTERM (what
 * {@code berth stop} sends) and kills it if it lingers.
 *
 * <p>{@code bin/berth.sh} execs java, and so does {@code ip netns exec}: the process here is the
 * server's JVM itself, and {@link #kill()} is a real {@code kill -9} of the server.
 */
final class TestServer implements AutoCloseable {

    /** Bound of a start, from launch to the banner and a healthy {@code /api/health}. */
    static final Duration START_BOUND = Duration.ofSeconds(120);
    /** The banner's last line. */
    static final String BANNER = "Berth started in ";
    /** How often a start at {@code auto} is tried when a neighbour takes a port between the pick and the bind. */
    private static final int ATTEMPTS = 5;
    private static final Duration STOP_BOUND = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestHome home;
    private final Process process;
    private final Path output;
    private HttpClient http;
    private HostEntry reserved;
    private URI base;

    private TestServer(TestHome home, Process process, Path output) {
        this.home = home;
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code home} and waits until it serves. At {@code auto} (no offset among {@code args}), a
     * start that a neighbour beat to one of its ports, between the registry's pick and the bind (the
     * preflight's "is taken by"), is tried again; nothing else is.
     */
    static TestServer start(TestHome home, String... args) throws Exception {
        return launchUntil(home, BANNER, args).awaitStarted();
    }

    /**
     * Launches {@code home} and waits until it prints {@code line}: the middle of a start, or the line
     * a failing start ends with. A start at {@code auto} that lost a race for a port to a neighbour is
     * launched again, as in {@link #start}.
     */
    static TestServer launchUntil(TestHome home, String line, String... args) throws Exception {
        for (int attempt = 1; ; attempt++) {
            TestServer server = launch(home, args);
            try {
                server.awaitOutput(line);
                return server;
            } catch (AssertionError failure) {
                boolean raced = statesNoOffset(args) && !server.alive() && server.output().contains(" is taken by ");
                server.close();
                if (!raced || attempt >= ATTEMPTS) {
                    throw failure;
                }
                System.err.println(home + ": a port was taken between the pick and the bind, starting again: "
                        + server.output().strip());
            }
        }
    }

    /** Launches {@code bin/berth.sh args} (at {@code auto} unless {@code args} state an offset) without waiting. */
    static TestServer launch(TestHome home, String... args) throws IOException {
        List<String> arguments = new ArrayList<>();
        if (statesNoOffset(args)) {
            arguments.add("-DportOffset=auto");
        }
        arguments.addAll(List.of(args));
        Path output = home.resolve("console.out");
        Process process = home.command(arguments.toArray(String[]::new))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new TestServer(home, process, output);
    }

    private static boolean statesNoOffset(String... args) {
        return List.of(args).stream().noneMatch(arg -> arg.startsWith("-DportOffset") || arg.startsWith("--port-offset"));
    }

    /** Waits, within {@link #START_BOUND}, for the banner line and then for {@code /api/health} to answer UP and running. */
    TestServer awaitStarted() throws Exception {
        return awaitStarted(START_BOUND);
    }

    /** {@link #awaitStarted()} within {@code bound}: longer for many starts at once on a small machine. */
    TestServer awaitStarted(Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        awaitOutput(BANNER, bound);
        // DEGRADED: up, but a cluster member that has found none of its members for a while.
        String health = await("/api/health answers UP", () -> get("/api/health"),
                body -> body.contains("\"UP\"") || body.contains("\"DEGRADED\""),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(5));
        if (!health.contains("\"running\"")) {
            throw new AssertionError(home + ": /api/health says " + health);
        }
        held();
        return this;
    }

    /**
     * Waits, bounded by {@link #START_BOUND}, until the server has printed {@code line}; fails if it
     * exits first. On the way it notes the process's registry entry, so {@link #held()} knows the ports
     * of a start that fails and is gone.
     */
    void awaitOutput(String line) throws IOException, InterruptedException {
        awaitOutput(line, START_BOUND);
    }

    private void awaitOutput(String line, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!output().contains(line)) {
            if (reserved == null) {
                entry().ifPresent(entry -> reserved = entry);
            }
            if (!process.isAlive()) {
                throw new AssertionError(home + ": the server exited (" + process.exitValue() + ") before printing '"
                        + line + "'\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(home + ": no '" + line + "' within " + bound + "\n" + output());
            }
            Thread.sleep(20);
        }
    }

    /** Waits, bounded, for the process to exit by itself, e.g. after a refused start, and returns its exit code. */
    int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(home + ": still running after " + bound + "\n" + outputForMessage());
        }
        return process.exitValue();
    }

    /** {@link #awaitExit(Duration)} within {@link #START_BOUND}. */
    int awaitExit() throws InterruptedException {
        return awaitExit(START_BOUND);
    }

    TestHome home() {
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

    /**
     * This process's entry in the home's host registry: there from the reservation (state starting) until it stops.
     * The JVM may be a child of the launched process (a start that records the class-data archive runs it so).
     */
    Optional<HostEntry> entry() {
        java.util.Set<Long> pids = java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()),
                process.toHandle().descendants()).map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet());
        return new HostRegistry(home.registry()).entries().stream().filter(entry -> pids.contains(entry.pid())).findFirst();
    }

    /**
     * This process's entry, waiting (bounded) while the process lives and has not reserved yet: the
     * entry is there from the reservation, before any bind, until the process stops or its start fails.
     */
    private HostEntry awaitEntry() throws InterruptedException {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (true) {
            Optional<HostEntry> entry = entry();
            if (entry.isPresent()) {
                return entry.get();
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(home + ": pid " + pid() + " has no entry in the host registry " + home.registry()
                        + " (alive: " + process.isAlive() + ")\n" + outputForMessage());
            }
            Thread.sleep(10);
        }
    }

    /** This process's entry as first read from the host registry, kept so it is known after the process is gone. */
    private HostEntry reserved() throws InterruptedException {
        if (reserved == null) {
            reserved = awaitEntry();
        }
        return reserved;
    }

    /** The offset the start was given or {@code auto} picked, from the host registry. */
    int offset() throws InterruptedException {
        return reserved().offset();
    }

    /**
     * Every port this instance reserved in the host registry, each protocol on its own: read once, as
     * soon as the entry is there (call it right after {@link #launch} to learn the ports of a start that
     * will fail), and kept, so the test can check them after the process is gone.
     */
    List<HostEntry.HostPort> held() throws InterruptedException {
        return reserved().ports();
    }

    /**
     * Asserts that the instance is gone and holds none of the ports it held. In a namespace of the
     * test's own, where nobody else runs, every one of them must be free, as {@code berth ports check}
     * tells. On this host a neighbour may take a port the moment it is released (its {@code auto} picks
     * the lowest free offset too): a port found taken fails the test only when the holder the OS names
     * is this instance's home. A fixed port (the multicast group port) is left out: every member on the
     * host shares it by design.
     */
    void assertReleased(String when) throws Exception {
        if (alive()) {
            throw new AssertionError(home + ": still running " + when);
        }
        if (home.host() != null) {
            CommandResult check = home.berth("ports", "check", "--offset", Integer.toString(offset()));
            if (check.exitCode() != 0) {
                throw new AssertionError("ports still held " + when + ":\n" + check);
            }
            return;
        }
        SocketProbe probe = new SocketProbe();
        PortHolders holders = new PortHolders(unused -> Optional.empty());
        for (HostEntry.HostPort port : held()) {
            if (!PortCatalogue.BERTH.port(port.id()).offsetApplied()) {
                continue;
            }
            Protocol protocol = Protocol.valueOf(port.protocol().toUpperCase(Locale.ROOT));
            if (!probe.isFree(port.port(), protocol)) {
                String holder = holders.describe(port.port(), protocol);
                if (holder.contains(home.toString()) || holder.contains("(pid " + pid() + ")")) {
                    throw new AssertionError(port.id() + " " + port.port() + "/" + port.protocol() + " still held " + when
                            + " by " + holder);
                }
                System.err.println(home + ": " + port.id() + " " + port.port() + "/" + port.protocol() + " was released "
                        + when + " and is now held by a neighbour: " + holder);
            }
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

    /** The JMX service URL the instance published in its runtime file. */
    String jmxServiceUrl() throws IOException {
        return runtimeRecord().get("jmxServiceUrl").asText();
    }

    /** {@code https://<[server] hostname>:<https port><path>}, from the runtime file as first read. */
    URI url(String path) throws IOException {
        if (base == null) {
            String host = URI.create(runtimeRecord().get("consoleUrl").asText()).getHost();
            base = URI.create("https://" + host + ":" + port("https"));
        }
        return base.resolve(path);
    }

    /** GETs {@code path} over HTTPS trusting only this home's certificate; redirects are not followed. */
    HttpResponse<String> request(String path) throws Exception {
        return client().send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private synchronized HttpClient client() throws Exception {
        if (http == null) {
            http = HttpClient.newBuilder().sslContext(home.tls()).connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    /**
     * The body of a 200 answer to {@code path}: from this JVM, or with curl in the namespace when the
     * instance runs in one this JVM cannot reach.
     */
    String get(String path) throws Exception {
        if (home.host() != null) {
            ProcessBuilder curl = home.commandUnder(List.of("curl", "-g", "-sS", "--fail", "--max-time", "10", "--cacert",
                    home.caPem().toString(), url(path).toString()));
            Process process = curl.redirectErrorStream(true).start();
            String body = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", curl.command()) + ": " + body);
            }
            return body;
        }
        HttpResponse<String> response = request(path);
        if (response.statusCode() != 200) {
            throw new IOException(url(path) + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** GETs {@code path} and parses it as JSON. */
    JsonNode getJson(String path) throws Exception {
        return JSON.readTree(get(path));
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

    /** SIGTERM, as {@code berth stop} sends, then waits (bounded) for the exit code: 0 for a clean stop. */
    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit(STOP_BOUND);
    }

    /** SIGTERM; SIGKILL if the server has not stopped within a bound. Safe to call twice. */
    @Override
    public void close() {
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
