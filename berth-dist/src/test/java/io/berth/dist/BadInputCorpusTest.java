package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad inputs, each run through the packaged launcher: one clear line naming the input,
 * a non-zero exit (unknown keys: a warning and exit 0), nothing listening, no file of the home changed.
 *
 * <p>Config and offset errors go through {@code berth ports}, keystore errors through {@code berth start}.
 * Every {@code ports} case that does not test the offset itself states -DportOffset=5950 ({@code ports}
 * binds nothing, so any offset will do); the {@code start} cases take {@code auto}. After each, no process
 * of the home is alive and the host registry holds nothing for it.
 *
 * <p>The home's files are hashed before and after each case. Nothing is pre-created: {@code ports}
 * never generates the key pair, and the keystore cases configure [keystore.primary], so {@code start}
 * generates nothing either. log4j may leave an empty {@code logs/} directory; only regular files count.
 * Tests run as root, so chmod 000 would not stop reading: "unreadable config" is a directory and a
 * missing file given to {@code --config}.
 */
class BadInputCorpusTest {

    private static final int PROBE_OFFSET = 5950;
    private static final String OFFSET = "-DportOffset=" + PROBE_OFFSET;
    private static final String BASE = "[server]\nhostname = \"localhost\"\n";
    private static final String KEYSTORE_PASSWORD = "right-pass-5950";
    /** Where {@code bin/berth.sh start} appends each background start's console output, by design. */
    private static final String START_LOG = "logs/berth.out";

    @TempDir
    static Path dir;
    private static TestHome home;

    /** One bad input: what the user gives, and what the one line must say. */
    /** @param command the berth command, or "" for none: the server in the foreground */
    record Case(String name, String command, String toml, List<String> args, int exit, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void home() throws Exception {
        home = TestHome.copyOfDistribution(dir, "corpus").config(BASE);
        Path security = Files.createDirectories(home.resolve("repository/security"));
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", security.resolve("own.p12").toString(), "-storetype", "PKCS12",
                "-storepass", KEYSTORE_PASSWORD, "-alias", "berth", "-keyalg", "EC", "-dname", "CN=localhost",
                "-validity", "2").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output);
        assertEquals(0, keytool.exitValue(), output);
    }

    private static Case offset(String value, String says) {
        return new Case("-DportOffset=" + value, "ports", BASE, List.of("-DportOffset=" + value), 2, says);
    }

    private static Case toml(String name, String toml, String says) {
        return new Case(name, "ports", BASE + toml, List.of(OFFSET), 2, says);
    }

    /** The offset in deployment.toml: no -DportOffset, which would win over it. */
    private static Case tomlOffset(String value, String says) {
        return new Case("[server] offset = " + value, "ports", "[server]\noffset = " + value + "\n", List.of(), 2, says);
    }

    private static Case raw(String name, String toml, String says) {
        return new Case(name, "ports", toml, List.of(OFFSET), 2, says);
    }

    private static Case unknown(String name, String toml, String says) {
        return new Case(name, "ports", BASE + toml, List.of(OFFSET), 0, says);
    }

    private static Case keystore(String name, String file, String type, String password, String alias, String says) {
        return new Case(name, "", BASE + "[keystore.primary]\nfile_name = \"" + file + "\"\ntype = \"" + type
                + "\"\npassword = \"" + password + "\"\nalias = \"" + alias + "\"\n", List.of("-DportOffset=auto"), 2, says);
    }

    static Stream<Case> corpus() {
        return Stream.of(
                offset("abc", "'abc' from system property portOffset"),
                offset("-1", "'-1' from system property portOffset: an offset cannot be negative"),
                offset("3.5", "'3.5' from system property portOffset"),
                offset("", "'' from system property portOffset: it is empty"),
                offset("70000", "'70000' from system property portOffset"),
                offset("54425", "'54425' from system property portOffset: it pushes jmx-rmi-registry to 65536"),
                offset("99999999999", "'99999999999' from system property portOffset"),
                offset("0x10", "'0x10' from system property portOffset"),
                offset("1e3", "'1e3' from system property portOffset"),
                new Case("--port-offset abc", "ports", BASE, List.of("--port-offset", "abc"), 2, "abc"),
                tomlOffset("\"three\"", "'three' from deployment.toml [server] offset"),
                tomlOffset("3.5", "'3.5' from deployment.toml [server] offset"),
                tomlOffset("-2", "'-2' from deployment.toml [server] offset: an offset cannot be negative"),
                tomlOffset("99999", "'99999' from deployment.toml [server] offset"),
                tomlOffset("\"\"", "'' from deployment.toml [server] offset: it is empty"),
                tomlOffset("\"$sys{nope.undefined}\"", "system property 'nope.undefined' is not defined"),
                raw("unclosed table header", "[server\noffset = 1\n", "deployment.toml:1:8: malformed TOML"),
                raw("double equals", "key = = 1\n", "deployment.toml:1:7: malformed TOML"),
                raw("unterminated string", "x = \"unterminated\n", "deployment.toml:1:18: malformed TOML"),
                raw("table defined twice", "[server]\n[server]\n", "deployment.toml:2:1: malformed TOML"),
                raw("key defined twice", "[server]\noffset = 1\noffset = 2\n", "deployment.toml:3:1: malformed TOML"),
                toml("https port a boolean", "[transport.https.properties]\nport = true\n",
                        "[transport.https.properties] port must be a whole number (was true)"),
                raw("hostname not a string", "[server]\nhostname = 5\n", "[server] hostname must be a string (was 5)"),
                toml("rmi_server_start a string", "[monitoring.jmx]\nrmi_server_start = \"yes\"\n",
                        "[monitoring.jmx] rmi_server_start must be true or false (was \"yes\")"),
                toml("https port a string", "[transport.https.properties]\nport = \"abc\"\n",
                        "[transport.https.properties] port must be a whole number (was \"abc\")"),
                toml("https port a fraction", "[transport.https.properties]\nport = 9443.5\n",
                        "[transport.https.properties] port must be a whole number (was 9443.5)"),
                toml("members not a list", "[clustering]\nmembership_scheme = \"wka\"\nmembers = \"x\"\n",
                        "[clustering] members must be a list of strings (was \"x\")"),
                raw("unknown product", "[server]\nproduct = \"foo\"\n", "[server] product must be one of"),
                toml("unknown membership scheme", "[clustering]\nmembership_scheme = \"bogus\"\n",
                        "[clustering] membership_scheme must be one of wka, multicast, kubernetes, aws, aws-ecs (was \"bogus\")"),
                toml("undefined $env in a port", "[transport.https.properties]\nport = \"$env{BERTH_NOPE_UNDEFINED}\"\n",
                        "environment variable 'BERTH_NOPE_UNDEFINED' is not defined"),
                // Only a command that needs the value stops: start opens the keystore, ports does not (CommandLineTest).
                new Case("undefined $env in the keystore password", "", BASE
                        + "[keystore.primary]\nfile_name = \"repository/security/own.p12\"\npassword = \"$env{BERTH_NOPE_PASS}\"\n",
                        List.of(OFFSET), 2, "environment variable 'BERTH_NOPE_PASS' is not defined"),
                toml("https port 70000", "[transport.https.properties]\nport = 70000\n",
                        "[transport.https.properties] port must be 1..65535 (was 70000)"),
                toml("https port -1", "[transport.https.properties]\nport = -1\n",
                        "[transport.https.properties] port must be 1..65535 (was -1)"),
                toml("http port 0", "[transport.http.properties]\nport = 0\n", "port must be 1..65535 (was 0)"),
                toml("kdc port 0", "[kdc]\nport = 0\n", "[kdc] port must be 1..65535 (was 0)"),
                toml("thrift port 100000", "[entitlement.thrift]\nport = 100000\n",
                        "[entitlement.thrift] port must be 1..65535 (was 100000)"),
                toml("member port 70000", "[clustering]\nmembership_scheme = \"wka\"\nlocal_member_port = 70000\n",
                        "[clustering] local_member_port must be 1..65535 (was 70000)"),
                toml("https on the http port", "[transport.https.properties]\nport = 9763\n",
                        "Ports https ([transport.https.properties] port set to 9763) and http ([transport.http.properties] port at its default 9763) would both listen on"),
                toml("http on the https port", "[transport.http.properties]\nport = 9443\n",
                        "would both listen on"),
                toml("jmx registry on the jmx server port", "[monitoring.jmx]\nrmi_registry_port = 9999\n",
                        "Ports jmx-rmi-registry ([monitoring.jmx] rmi_registry_port set to 9999) and jmx-rmi-server ([monitoring.jmx] rmi_server_port at its default 9999) would both listen on"),
                toml("thrift on the jmx registry port", "[entitlement.thrift]\nport = 11111\n", "would both listen on"),
                new Case("--config a missing file", "ports", BASE, List.of(OFFSET, "--config", "/nonexistent/berth-5950.toml"),
                        2, "/nonexistent/berth-5950.toml: configuration file not found"),
                new Case("--config a directory", "ports", BASE, List.of(OFFSET, "--config", "/tmp"),
                        2, "/tmp: cannot read configuration file"),
                new Case("misspelt key", "ports", "[server]\nofset = 1\n", List.of(OFFSET), 0,
                        "/deployment.toml:2: [server] ofset is not a key Berth uses; did you mean [server] offset?"),
                unknown("unknown table", "[unknownsection]\na = 1\n", "/deployment.toml:4: [unknownsection] a is not a key Berth uses"),
                unknown("misspelt port key", "[transport.https.properties]\nprot = 1\n",
                        "[transport.https.properties] prot is not a key Berth uses; did you mean [transport.https.properties] port?"),
                keystore("missing keystore", "repository/security/nope.p12", "PKCS12", KEYSTORE_PASSWORD, "berth",
                        "[keystore.primary] file_name: keystore " + "%HOME%/repository/security/nope.p12 does not exist"),
                keystore("wrong keystore password", "repository/security/own.p12", "PKCS12", "wrong-pass", "berth",
                        "[keystore.primary] password: cannot open keystore %HOME%/repository/security/own.p12"),
                keystore("missing key alias", "repository/security/own.p12", "PKCS12", KEYSTORE_PASSWORD, "nosuch",
                        "[keystore.primary] alias: keystore %HOME%/repository/security/own.p12 has no key entry 'nosuch'"),
                keystore("unknown keystore type", "repository/security/own.p12", "JKSX", KEYSTORE_PASSWORD, "berth",
                        "[keystore.primary] type: cannot read keystore"),
                keystore("keystore is a directory", "repository/security", "PKCS12", KEYSTORE_PASSWORD, "berth",
                        "[keystore.primary] file_name: %HOME%/repository/security is a directory, not a keystore"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badInputStopsWithOneLineAndChangesNothing(Case input) throws Exception {
        Files.writeString(home.resolve("conf/deployment.toml"), input.toml());
        Map<String, String> before = hashes(home.path());
        // No command is the start in the foreground, as wso2server.sh with none; bin/berth.sh start would log to logs/.
        List<String> args = new ArrayList<>(input.command().isEmpty() ? List.of() : List.of(input.command()));
        args.addAll(input.args());
        CommandResult result = home.berth(args.toArray(String[]::new));
        String says = input.says().replace("%HOME%", home.toString());

        List<String> lines = result.err().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), "exactly one line on stderr\n" + result);
        assertTrue(lines.get(0).startsWith("berth: "), result.toString());
        assertTrue(lines.get(0).contains(says), "expected [" + says + "]\n" + result);
        assertEquals(input.exit(), result.exitCode(), result.toString());
        if (input.exit() == 0) {
            assertTrue(lines.get(0).startsWith("berth: warning: "), result.toString());
            assertTrue(result.out().contains("https"), "the port table is still printed\n" + result);
        } else {
            assertTrue(result.out().isBlank(), "nothing on stdout\n" + result);
        }
        assertNothingLeft();
        assertEquals(before, hashes(home.path()), "files of the home changed\n" + result);
    }

    /**
     * The corpus's invalid files: each case whose fault is in deployment.toml or the file {@code --config} names,
     * rather than in an offset given on the command line.
     */
    static Stream<Case> invalidFiles() {
        return corpus().filter(input -> input.exit() != 0 && input.command().equals("ports")
                && input.args().stream().noneMatch(arg -> arg.equals("--port-offset")
                        || (arg.startsWith("-DportOffset=") && !arg.equals(OFFSET))));
    }

    /**
     * One verdict on a file, whichever command reads it: {@code ports}, {@code plan} and {@code start} (the
     * launcher's background start) each stop with the same one line and a non-zero exit, leave nothing running or
     * claimed, and change no file of the home but the start's own console log, {@code logs/berth.out}. The start
     * takes {@code auto}, which would win over the file's own offset: it binds nothing even if the file were
     * accepted, and it shows the file's offset is refused even where another source wins over it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void portsPlanAndStartGiveOneVerdictOnAnInvalidFile(Case input) throws Exception {
        Files.writeString(home.resolve("conf/deployment.toml"), input.toml());
        Map<String, String> before = hashes(home.path());
        before.remove(START_LOG);
        List<String> auto = new ArrayList<>(input.args().stream().filter(arg -> !arg.startsWith("-DportOffset=")).toList());
        auto.add(0, "-DportOffset=auto");
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("ports", prepend("ports", input.args()));
        commands.put("plan", prepend("plan", input.args()));
        commands.put("start", prepend("start", auto));

        Map<String, String> verdicts = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
            CommandResult result = home.berth(command.getValue().toArray(String[]::new));
            List<String> lines = result.err().lines().filter(line -> !line.isBlank()).toList();
            assertEquals(1, lines.size(), command.getKey() + ": exactly one line on stderr\n" + result);
            assertTrue(lines.get(0).startsWith("berth: "), command.getKey() + ": " + result);
            assertTrue(result.exitCode() != 0, command.getKey() + " exits non-zero\n" + result);
            assertEquals(input.exit(), result.exitCode(), command.getKey() + ": bad input is exit " + input.exit() + "\n" + result);
            assertTrue(result.out().isBlank(), command.getKey() + ": nothing on stdout\n" + result);
            assertNothingLeft();
            verdicts.put(command.getKey(), lines.get(0));
        }
        String ports = verdicts.get("ports");
        assertTrue(ports.contains(input.says()), "expected [" + input.says() + "] from ports\n" + verdicts);
        assertEquals(Map.of("ports", ports, "plan", ports, "start", ports), verdicts, "one verdict from every command");
        Map<String, String> after = hashes(home.path());
        after.remove(START_LOG);
        assertEquals(before, after, "files of the home changed");
    }

    private static List<String> prepend(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        return all;
    }

    /** No process of the home is alive and the host registry holds no port for it: whatever it bound was released. */
    private void assertNothingLeft() {
        boolean alive = ProcessHandle.allProcesses().anyMatch(process -> process.info().commandLine()
                .map(line -> line.contains("-Dberth.home=" + home + " ")).orElse(false));
        assertFalse(alive, "a process of the home is still alive");
        assertEquals(List.of(), home.registryEntries(), "the home still holds ports in the host registry");
    }

    /** Every regular file under the home, relative path to SHA-256. */
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
