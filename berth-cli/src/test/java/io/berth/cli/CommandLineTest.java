package io.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.server.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code berth} command line in process, through picocli's {@link CommandLine} as {@link Main} builds it:
 * what a user reads (help, one-line errors, exit codes) and what the commands that bind nothing print.
 * Every test has its own base ({@code berth.home}) and host registry, so no server on the host matters.
 */
class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Properties saved;

    /** What one command printed and how it exited. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeEach
    void ownBaseAndRegistry() throws IOException {
        saved = (Properties) System.getProperties().clone();
        System.setProperty(BerthHome.PROPERTY, Files.createDirectories(dir.resolve("base")).toString());
        System.setProperty("berth.host.registry", Files.createDirectory(dir.resolve("registry"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"))).toString());
        System.clearProperty(BerthHome.INSTALL_PROPERTY);
        System.clearProperty("portOffset");
    }

    @AfterEach
    void restore() {
        System.setProperties(saved);
    }

    static Run berth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = BerthCommandLine.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(Main.withDefaultCommand(args));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Every command and subcommand, depth first, as the words that name it: [ports, check]. */
    private static List<List<String>> commands(CommandLine line, List<String> path) {
        List<List<String>> all = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : line.getSubcommands().entrySet()) {
            List<String> words = new ArrayList<>(path);
            words.add(sub.getKey());
            all.add(words);
            all.addAll(commands(sub.getValue(), words));
        }
        return all;
    }

    @Test
    void everyCommandPrintsItsHelpToStandardOutputAndExitsZero() {
        List<List<String>> commands = commands(BerthCommandLine.commandLine(), List.of());
        assertTrue(commands.size() >= 14, commands.toString());
        for (List<String> words : commands) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(words);
                args.add(flag);
                Run help = berth(args.toArray(String[]::new));
                assertEquals(0, help.exit(), args + "\n" + help);
                assertTrue(help.out().contains("Usage: berth " + String.join(" ", words)), args + "\n" + help);
                assertTrue(help.err().isEmpty(), args + "\n" + help);
            }
        }
        Run help = berth("help", "plan");
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().contains("Usage: berth plan"), help.toString());
        Run top = berth("help");
        assertEquals(0, top.exit(), top.toString());
        assertTrue(top.out().contains("home") && top.out().contains("Exit codes"), top.toString());
    }

    @Test
    void everyOptionAndParameterIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(BerthCommandLine.commandLine().getCommandSpec(), undescribed);
        assertEquals(List.of(), undescribed);
    }

    private static void collectUndescribed(CommandSpec spec, List<String> undescribed) {
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            String[] description = arg.description();
            if (description.length == 0 || String.join("", description).isBlank()) {
                undescribed.add(spec.qualifiedName() + " " + arg.paramLabel() + " " + arg);
            }
        }
        spec.subcommands().values().forEach(sub -> collectUndescribed(sub.getCommandSpec(), undescribed));
    }

    @Test
    void aMistypedOptionIsOneLineNamingItTheNearestOptionAndWhereHelpIsWithExitTwo() {
        Run run = berth("ports", "--ofset");
        assertEquals(2, run.exit(), run.toString());
        List<String> lines = run.err().lines().toList();
        assertEquals("berth: Unknown option: '--ofset'", lines.get(0), run.toString());
        assertTrue(run.err().contains("--offset"), "the nearest option\n" + run);
        assertEquals("Try 'berth ports --help' for its options.", lines.get(lines.size() - 1), run.toString());
        assertTrue(run.out().isEmpty(), run.toString());
    }

    /** Every command, the start the bare launcher runs included, names the nearest of its own options. */
    @Test
    void aMistypedOptionOfAnyCommandGetsThatCommandsNearestOption() {
        Map<List<String>, String> nearest = Map.of(
                List.of("start", "--prot-offset", "2"), "--port-offset",
                List.of("--prot-offset", "2"), "--port-offset",
                List.of("instances", "--fromat", "json"), "--format",
                List.of("stop", "--hlep"), "--help",
                List.of("status", "--clusters"), "--cluster",
                List.of("ports", "--ofset", "3"), "--offset");
        nearest.forEach((args, option) -> {
            Run run = berth(args.toArray(String[]::new));
            String command = args.get(0).startsWith("-") ? "start" : args.get(0);
            assertEquals(List.of("berth: Unknown option: '" + args.get(args.get(0).startsWith("-") ? 0 : 1) + "'",
                    "Did you mean " + option + "?", "Try 'berth " + command + " --help' for its options."),
                    run.err().lines().toList(), args + "\n" + run);
            assertEquals(2, run.exit(), args + "\n" + run);
        });
        Run unlike = berth("ports", "--zzzzzzzz");
        assertEquals(List.of("berth: Unknown option: '--zzzzzzzz'", "Try 'berth ports --help' for its options."),
                unlike.err().lines().toList(), "no suggestion for a word unlike every option\n" + unlike);
    }

    /** {@code --offset} and {@code --port-offset} are one option; each message names the one typed. */
    @Test
    void anOffsetMessageNamesTheOptionAsTyped() {
        for (String option : List.of("--offset", "--port-offset")) {
            Run bad = berth("ports", option, "abc");
            assertEquals(2, bad.exit(), bad.toString());
            assertTrue(bad.err().startsWith("berth: Invalid port offset 'abc' from option " + option + ": "), bad.toString());
            Run equals = berth("ports", option + "=abc");
            assertTrue(equals.err().startsWith("berth: Invalid port offset 'abc' from option " + option + ": "), equals.toString());
            Run header = berth("ports", option, "3");
            assertEquals(0, header.exit(), header.toString());
            assertTrue(header.out().startsWith("Offset 3 (option " + option + ")\n"), header.toString());
        }
    }

    /** A command without a description of its own must not show the top-level one, which picocli's INHERIT passes down. */
    @Test
    void everyCommandsHelpDescribesThatCommandNotBerthAlone() {
        for (List<String> words : commands(BerthCommandLine.commandLine(), List.of())) {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            Run help = berth(args.toArray(String[]::new));
            assertFalse(help.out().contains("With no command"), args + "\n" + help);
        }
        assertTrue(berth("--help").out().contains("With no command"), "berth's own help keeps its description");
        Run cds = berth("cds", "--help");
        assertEquals(0, cds.exit(), cds.toString());
        assertTrue(cds.out().contains("Usage: berth cds") && cds.out().contains("class-data archive"), cds.toString());
        Run helpCds = berth("help", "cds");
        assertEquals(0, helpCds.exit(), helpCds.toString());
        assertEquals(cds.out(), helpCds.out());
    }

    /** Every fault of a file names it as the user gave it, with the key's line: the port range, the cluster, the address. */
    @Test
    void aFaultOfTheFileNamesTheFileAndLineAndEveryCommandRefusesIt() throws IOException {
        Path range = Files.writeString(dir.resolve("range.toml"), "[server]\noffset = 0\n[kdc]\nport = 80000\n");
        Run ports = berth("ports", "--config", range.toString());
        assertEquals(2, ports.exit(), ports.toString());
        assertEquals("berth: " + range + ":4: [kdc] port must be 1..65535 (was 80000)\n", ports.err(), ports.toString());

        Path cluster = Files.writeString(dir.resolve("k4.toml"), "[clustering]\nmembership_scheme = \"wka\"\nmembers = [\"a:b:c\"]\n");
        Run clusterPorts = berth("ports", "--config", cluster.toString());
        assertEquals(2, clusterPorts.exit(), clusterPorts.toString());
        assertTrue(clusterPorts.err().startsWith("berth: " + cluster + ":1: [clustering] "), clusterPorts.toString());

        Path host = Files.writeString(dir.resolve("host.toml"), "[server]\nhostname = \"no-such-host.invalid\"\n");
        for (List<String> command : List.of(List.of("ports", "--config"), List.of("plan", "--config"))) {
            List<String> args = new ArrayList<>(command);
            args.add(host.toString());
            Run run = berth(args.toArray(String[]::new));
            assertEquals(2, run.exit(), args + "\n" + run);
            assertEquals("berth: " + host + ":2: [server] hostname: 'no-such-host.invalid' does not resolve to an address of this host\n",
                    run.err(), args + "\n" + run);
        }
    }

    /** A product named with its version alone is that product's catalogue; a directory above a home says which home is in it. */
    @Test
    void aProductAloneIsItsCatalogueAndADirectoryAboveAHomeNamesIt() throws IOException {
        Run is = berth("ports", "--product", "is-7.0.0");
        assertEquals(0, is.exit(), is.toString());
        assertTrue(is.out().startsWith("Product WSO2 Identity Server"), is.toString());

        Path clone = Files.createDirectories(dir.resolve("clone"));
        Files.createDirectories(clone.resolve("base/conf"));
        Files.writeString(clone.resolve("base/conf/deployment.toml"), "[server]\noffset = 0\n");
        Files.createDirectories(clone.resolve("docs"));
        Run plan = berth("plan", "--home", clone.toString());
        assertEquals(2, plan.exit(), plan.toString());
        assertTrue(plan.err().startsWith("berth: " + clone + ": not a Berth home"), plan.toString());
        assertTrue(plan.err().contains("this directory in it is a home: base (e.g. --home " + clone.resolve("base") + ")"),
                plan.toString());
    }

    /** A value a command refuses after parsing is reported exactly as one picocli refuses while parsing. */
    @Test
    void aBadValueIsReportedTheOneWayWhoeverFindsIt() {
        Run instances = berth("plan", "--instances", "0");
        assertEquals(2, instances.exit(), instances.toString());
        assertEquals(List.of("berth: Invalid value '0' for option '--instances': it must be 1..65535",
                "Try 'berth plan --help' for its options."), instances.err().lines().toList());
        Run format = berth("instances", "--format", "yaml");
        assertEquals(2, format.exit(), format.toString());
        assertTrue(format.err().startsWith("berth: Invalid value for option '--format'"), format.toString());
        assertTrue(format.err().endsWith("Try 'berth instances --help' for its options.\n"), format.toString());
    }

    @Test
    void everyFormatOptionIsTheOneMixin() {
        List<String> withFormat = new ArrayList<>();
        for (List<String> words : commands(BerthCommandLine.commandLine(), List.of())) {
            CommandLine line = BerthCommandLine.commandLine();
            for (String word : words) {
                line = line.getSubcommands().get(word);
            }
            CommandSpec spec = line.getCommandSpec();
            if (spec.findOption("--format") != null) {
                withFormat.add(String.join(" ", words));
                assertTrue(spec.mixins().values().stream().anyMatch(mixin -> mixin.userObject() instanceof FormatOption),
                        words + " declares its own --format");
            }
        }
        assertEquals(List.of("host", "instances", "plan", "ports", "ports check", "status"), withFormat.stream().sorted().toList());
    }

    /** A KDC principal's password that the operator's shell does not hold stops only what reads it. */
    @Test
    void anUndefinedReferenceStopsOnlyACommandThatNeedsIt() throws IOException {
        Path config = Files.writeString(dir.resolve("deployment.toml"), """
                [kdc]
                realm = "EXAMPLE.ORG"
                [[kdc.principals]]
                name = "alice"
                password = "$env{BERTH_TEST_NEVER_DEFINED_PASSWORD}"
                """);
        Run ports = berth("ports", "--config", config.toString(), "--offset", "3", "--format", "json");
        assertEquals(0, ports.exit(), ports.toString());
        assertEquals(3, JSON.readTree(ports.out()).get("offset").asInt(), ports.toString());

        Path realmUndefined = Files.writeString(dir.resolve("realm.toml"), "[kdc]\nrealm = \"$env{BERTH_TEST_NEVER_DEFINED_REALM}\"\n");
        Path out = dir.resolve("krb5.conf");
        Run krb5conf = berth("kdc", "--config", realmUndefined.toString(), "krb5conf", "--out", out.toString());
        assertEquals(2, krb5conf.exit(), krb5conf.toString());
        assertTrue(krb5conf.err().contains("'BERTH_TEST_NEVER_DEFINED_REALM' is not defined"), krb5conf.toString());
        assertFalse(Files.exists(out), "no file is left behind by a failed krb5conf --out");

        Run written = berth("kdc", "--config", config.toString(), "--offset", "3", "krb5conf", "--out", out.toString());
        assertEquals(0, written.exit(), written.toString());
        String text = Files.readString(out);
        assertTrue(text.contains("EXAMPLE.ORG") && text.contains(":8003"), text);
    }

    @Test
    void planNamesEachWarningsFileInFullAndNoOffsetSourceTheUserDidNotGive() throws IOException {
        Path a = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("deployment.toml"), "[server]\nofset = 1\n");
        Path b = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("deployment.toml"), "[server]\nofset = 2\n");
        Run plan = berth("plan", "--config", a.toString(), "--config", b.toString(), "--format", "json");
        assertEquals(0, plan.exit(), plan.toString());
        List<String> warnings = plan.err().lines().toList();
        assertEquals(List.of("berth: warning: " + a + ":2: [server] ofset is not a key Berth uses; did you mean [server] offset?",
                "berth: warning: " + b + ":2: [server] ofset is not a key Berth uses; did you mean [server] offset?"), warnings);
        JsonNode planned = JSON.readTree(plan.out());
        assertEquals(2, planned.get("instances").size(), plan.toString());
        assertFalse(plan.out().contains("--port-offset") || plan.out().contains("auto"), plan.toString());
    }

    @Test
    void homeCreateCopiesTheShippedConfigurationButNotTheInstallsJvmOptions() throws IOException {
        Path install = dir.resolve("install");
        Files.createDirectories(install.resolve("conf"));
        Files.writeString(install.resolve("conf/deployment.toml"), "[server]\noffset = 0\n");
        Files.writeString(install.resolve("conf/jvm.options"), "-Dx=1\n");
        Files.writeString(install.resolve("conf/cluster.options"), "--add-modules java.se\n");
        System.setProperty(BerthHome.INSTALL_PROPERTY, install.toString());

        Path base = dir.resolve("bases/c2");
        Run create = berth("home", "create", base.toString());
        assertEquals(0, create.exit(), create.toString());
        assertEquals("[server]\noffset = 0\n", Files.readString(base.resolve("conf/deployment.toml")));
        assertFalse(Files.exists(base.resolve("conf/jvm.options")));
        assertFalse(Files.exists(base.resolve("conf/cluster.options")));
        try (var left = Files.list(base.getParent())) {
            assertEquals(List.of(base), left.toList(), "no scratch directory is left beside the base");
        }

        Run again = berth("home", "create", base.toString());
        assertEquals(2, again.exit(), again.toString());
        assertTrue(again.err().startsWith("berth: Invalid value '" + base + "' for DIR: the directory is not empty (a base already?)"),
                again.toString());
    }

    @Test
    void statusOfABaseWithNoInstanceExitsThree() {
        Run status = berth("status");
        assertEquals(3, status.exit(), status.toString());
        assertEquals("Berth is not running in " + dir.resolve("base") + "\n", status.out());
    }

    /** A cell is one line, whatever a holder's command line holds: no row is broken, no terminal is driven. */
    @Test
    void aTableCellWithControlCharactersStaysOnItsRow() {
        Table table = new Table("PORT", "HOLDER").row(9443, "java -Dx=\"a\nb\" \u001b[2J\tz");
        String text = table.toText();
        assertEquals(2, text.lines().count(), text);
        assertTrue(text.contains("java -Dx=\"a\\nb\" \\u001b[2J\\tz"), text);
        assertEquals(3, table.toMarkdown().lines().count(), table.toMarkdown());
    }
}
