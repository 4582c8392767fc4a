package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code berth config set-offset}: the offset's value changes, nothing else in the file does. */
class SetOffsetCommandTest {

    @TempDir
    Path dir;

    @Test
    void onTheShippedCommentedFileOnlyTheOffsetLineChanges() throws Exception {
        Path shipped = TestHome.distribution().path().resolve("conf/deployment.toml");
        Path config = dir.resolve("deployment.toml");
        Files.copy(shipped, config);
        CommandResult result = TestHome.distribution().berth("config", "set-offset", "7", "--config", config.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("Set [server] offset = 7 in " + config, result.out().strip());
        List<String> before = Files.readAllLines(shipped);
        List<String> after = Files.readAllLines(config);
        assertEquals(before.size(), after.size());
        List<Integer> changed = java.util.stream.IntStream.range(0, before.size())
                .filter(i -> !before.get(i).equals(after.get(i))).boxed().toList();
        assertEquals(1, changed.size(), "changed lines: " + changed);
        assertEquals("offset = 0", before.get(changed.get(0)));
        assertEquals("offset = 7", after.get(changed.get(0)));
        assertEquals(Files.readString(shipped).replace("\noffset = 0\n", "\noffset = 7\n"), Files.readString(config),
                "every other byte is as it was");

        CommandResult ports = TestHome.distribution().berth("ports", "--config", config.toString());
        assertTrue(ports.out().startsWith("Offset 7 (deployment.toml [server] offset)"), ports.toString());
    }

    /** The file changes at once; the running instance, started at -DportOffset=auto, keeps its offset, and so does its restart. */
    @Test
    void onARunningBaseItSaysTheInstanceKeepsItsOffsetUntilRestart() throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "home").config("""
                [server]
                product = "carbon"
                offset = "auto"
                [monitoring.jmx]
                rmi_server_start = false
                """);
        try (TestServer server = TestServer.start(home)) {
            int next = server.offset() + 1;
            CommandResult result = home.berth("config", "set-offset", Integer.toString(next));
            assertEquals(0, result.exitCode(), result.toString());
            assertEquals("Set [server] offset = " + next + " in " + home.configFile() + "\n"
                    + "The running instance (pid " + server.pid() + ") runs at offset " + server.offset()
                    + " from system property portOffset, which its restart keeps; the file's offset applies to a start without one",
                    result.out().strip());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc   | Invalid port offset 'abc' for config set-offset: it is not a whole number",
        "-1    | Invalid port offset '-1' for config set-offset: an offset cannot be negative",
        "3.5   | Invalid port offset '3.5' for config set-offset: it is not a whole number",
        "54425 | Invalid port offset '54425' for config set-offset: it pushes jmx-rmi-registry to 65536, past 65535",
    })
    void badValuesAreRefusedInOneLineAndTheFileIsUntouched(String value, String message) throws Exception {
        Path config = dir.resolve("deployment.toml");
        Files.copy(TestHome.distribution().path().resolve("conf/deployment.toml"), config);
        CommandResult result = TestHome.distribution().berth("config", "set-offset", value, "--config", config.toString());
        assertEquals(2, result.exitCode(), result.toString());
        String[] lines = result.err().strip().split("\n");
        assertEquals(1, lines.length, result.err());
        assertTrue(lines[0].startsWith("berth: " + message), lines[0]);
        assertEquals(Files.readString(TestHome.distribution().path().resolve("conf/deployment.toml")), Files.readString(config));
    }

    @Test
    void aWso2ProductHomeIsEditedInRepositoryConf() throws Exception {
        Path home = dir.resolve("wso2is-7.0.0");
        Files.createDirectories(home.resolve("repository/conf/identity"));
        Path config = home.resolve("repository/conf/deployment.toml");
        String text = "[server]\nhostname = \"localhost\"\nnode_ip = \"127.0.0.1\"\n\n[super_admin]\nusername = \"admin\"\n";
        Files.writeString(config, text);
        CommandResult result = TestHome.distribution().berth("config", "set-offset", "auto", "--home", home.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(text.replace("[server]\n", "[server]\noffset = \"auto\"\n"), Files.readString(config));
    }

    /** Case rt-11: a configuration managed elsewhere and linked into the home stays linked and gets the offset. */
    @Test
    void aSymlinkedConfigurationIsEditedWhereItPointsAndStaysLinked() throws Exception {
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Path real = etc.resolve("deployment.toml");
        Files.copy(TestHome.distribution().path().resolve("conf/deployment.toml"), real);
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        TestHome home = TestHome.copyOfDistribution(dir, "home");
        Path link = home.configFile();
        Files.delete(link);
        Files.createSymbolicLink(link, real);
        CommandResult result = home.berth("config", "set-offset", "411");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a plain file");
        assertTrue(Files.readAllLines(real).contains("offset = 411"), Files.readString(real));
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        try (var left = Files.list(etc)) {
            assertEquals(List.of(real), left.toList(), "a temporary file was left beside the target");
        }
    }
}
