package io.berth.dist;

import io.berth.server.host.HostEntry;
import io.berth.server.host.HostRegistry;
import io.berth.server.security.InstanceClient;
import io.berth.server.security.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A server home for a process test: a copy of the packaged distribution ({@code bin/}, {@code conf/},
 * {@code lib/}) in a directory of the test's own, and the environment its commands run in. Every
 * command and every {@link TestServer} of the home uses the same host registry, by default one kept
 * by this test run under {@code target/} (never the user's), so tests see one another's instances
 * and no one else's; on other processes' ports they learn only what binding tells.
 *
 * <p>Values: {@link #config}, {@link #registry}, {@link #javaOptions} and {@link #on} return a home
 * that differs in that one thing and share the directory.
 */
final class TestHome {

    /** Keeps several server JVMs usable on two cores. */
    static final String JAVA_OPTS = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** Bound of one CLI command. */
    static final Duration COMMAND_BOUND = Duration.ofSeconds(120);
    /** What an install makes for itself: never copied from one home to another, so no two test homes share keys or state. */
    private static final Set<String> INSTALL_STATE = Set.of("runtime", "logs", "repository", "data");

    private final Path path;
    private final Path registry;
    private final String javaOptions;
    private final NetNamespaces.Host host;
    private final Map<String, String> environment;

    private TestHome(Path path, Path registry, String javaOptions, NetNamespaces.Host host, Map<String, String> environment) {
        this.path = path.toAbsolutePath().normalize();
        this.registry = registry;
        this.javaOptions = javaOptions;
        this.host = host;
        this.environment = Map.copyOf(environment);
    }

    /** The packaged home itself ({@code berth-dist/target/berth}): for commands that only read; never started. */
    static TestHome distribution() {
        return new TestHome(packaged(), testRegistry(), JAVA_OPTS, null, Map.of());
    }

    /**
     * A fresh copy of the packaged home at {@code dir/name}: bin/ and conf/ copied, lib/ a link to the
     * packaged jars (which no test writes), none of an install's state, so the copy makes its own keys.
     */
    static TestHome copyOfDistribution(Path dir, String name) throws IOException {
        TestHome packaged = distribution();
        Path target = dir.resolve(name);
        copyTree(packaged.path, target, "lib");
        Files.createSymbolicLink(target.resolve("lib"), packaged.path.resolve("lib"));
        return packaged.at(target);
    }

    /** Every file of {@code from} (its bin/, conf/ and lib/ with real copies of the jars) at {@code target}, with its environment. */
    static TestHome fullCopyOf(TestHome from, Path target) throws IOException {
        copyTree(from.path, target, null);
        return from.at(target);
    }

    private TestHome at(Path target) {
        return new TestHome(target, registry, javaOptions, host, environment);
    }

    /** Copies {@code from} to {@code target}, leaving out an install's state and the top-level {@code except}. */
    private static void copyTree(Path from, Path target, String except) throws IOException {
        try (Stream<Path> files = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
            for (Path source : files.toList()) {
                Path relative = from.relativize(source);
                if (relative.getNameCount() > 0 && (INSTALL_STATE.contains(relative.getName(0).toString())
                        || relative.getName(0).toString().equals(except))) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static Path packaged() {
        return Path.of(System.getProperty("berth.home", "target/berth")).toAbsolutePath().normalize();
    }

    /** The host registry of this test run: beside the packaged home, inside the build's own directory. */
    private static Path testRegistry() {
        return packaged().resolveSibling("test-host-registry");
    }

    /** Writes {@code toml} as {@code conf/deployment.toml}. */
    TestHome config(String toml) throws IOException {
        Files.writeString(configFile(), toml, StandardCharsets.UTF_8);
        return this;
    }

    /** This home with its commands and servers using the host registry in {@code directory}. */
    TestHome registry(Path directory) {
        return new TestHome(path, directory, javaOptions, host, environment);
    }

    /** This home with servers and commands run with {@code JAVA_OPTS=options} (in place of {@link #JAVA_OPTS}). */
    TestHome javaOptions(String options) {
        return new TestHome(path, registry, options, host, environment);
    }

    /** This home with its commands and servers given the environment variable {@code name=value} as well. */
    TestHome environment(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(environment);
        more.put(name, value);
        return new TestHome(path, registry, javaOptions, host, more);
    }

    /** This home on another "host": its commands and servers run in that network namespace, with that host's registry. */
    TestHome on(NetNamespaces.Host other) {
        return new TestHome(path, other.registry(), javaOptions, other, environment);
    }

    Path path() {
        return path;
    }

    Path resolve(String relative) {
        return path.resolve(relative);
    }

    Path configFile() {
        return path.resolve("conf/deployment.toml");
    }

    Path registry() {
        return registry;
    }

    /** What the host registry holds for this home: empty once everything it reserved is released. */
    List<HostEntry> registryEntries() {
        return new HostRegistry(registry).entries().stream().filter(entry -> entry.home().equals(toString())).toList();
    }

    /** The network namespace this home's processes run in, or null for this host. */
    NetNamespaces.Host host() {
        return host;
    }

    /** {@code bin/berth.sh args}, as a user runs it in this home's environment, with nothing on standard input. */
    CommandResult berth(String... args) throws IOException, InterruptedException {
        return berthWithInput(null, args);
    }

    /** {@code bin/berth.sh args}, writing {@code input} to its standard input. */
    CommandResult berthWithInput(String input, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("berth-out", ".txt");
        Path err = Files.createTempFile("berth-err", ".txt");
        Process process = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("berth " + String.join(" ", args) + " in " + path + " did not finish in " + COMMAND_BOUND);
            }
            return new CommandResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code bin/berth.sh args} (under the namespace's {@code ip netns exec}), in this home's environment. */
    ProcessBuilder command(String... args) {
        return commandUnder(List.of(path.resolve("bin/berth.sh").toString()), args);
    }

    /** {@code program args} run where this home's processes run (in its namespace, if any), in its environment. */
    ProcessBuilder commandUnder(List<String> program, String... args) {
        List<String> command = new ArrayList<>(host == null ? List.of() : host.prefix());
        command.addAll(program);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("BERTH_HOST_REGISTRY", registry.toString(), "JAVA_OPTS", javaOptions));
        builder.environment().putAll(environment);
        return builder;
    }

    /** The certificate the home generated on its first start. */
    Certificate certificate() throws Exception {
        Path security = path.resolve("repository/security");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(security.resolve("berth.p12"))) {
            keys.load(in, Files.readString(security.resolve("berth.p12.password")).strip().toCharArray());
        }
        return keys.getCertificate("berth");
    }

    /** A TLS context that trusts exactly this home's certificate. */
    SSLContext tls() throws Exception {
        return InstanceClient.trusting(certificate());
    }

    /** The certificate as a PEM file, for {@code curl --cacert} and {@code openssl s_client -CAfile}. */
    Path caPem() throws Exception {
        Path pem = path.resolve("berth-ca.pem");
        Files.writeString(pem, Pem.certificate(certificate()));
        return pem;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
