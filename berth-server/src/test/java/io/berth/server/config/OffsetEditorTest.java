package io.berth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.server.files.FileChangedException;
import io.berth.server.files.SecureFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OffsetEditorTest {

    private static final Path FILE = Path.of("deployment.toml");

    @TempDir
    Path dir;

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("[server]\noffset = 0\n", "7", "[server]\noffset = 7\n"),
                Arguments.of("[server]\n  offset   =  \"auto\"   # keep\nx = 1\n", "12",
                        "[server]\n  offset   =  12   # keep\nx = 1\n"),
                Arguments.of("[server]\r\noffset='3'#c\r\nproduct = \"carbon\"\r\n", "\"auto\"",
                        "[server]\r\noffset=\"auto\"#c\r\nproduct = \"carbon\"\r\n"),
                Arguments.of("server.offset = 4\n[a]\nb = 1\n", "5", "server.offset = 5\n[a]\nb = 1\n"),
                Arguments.of("[server] # the server\nhostname = \"h\"\n", "3",
                        "[server] # the server\noffset = 3\nhostname = \"h\"\n"),
                Arguments.of("# a comment\n[transport.http.properties]\nport = 1\n", "3",
                        "# a comment\n[transport.http.properties]\nport = 1\n\n[server]\noffset = 3\n"),
                Arguments.of("[a]\nb = 1", "3", "[a]\nb = 1\n\n[server]\noffset = 3\n"),
                Arguments.of("", "3", "[server]\noffset = 3\n"));
    }

    @ParameterizedTest
    @MethodSource("edits")
    void changesOnlyTheOffset(String before, String value, String after) {
        assertEquals(after, OffsetEditor.edit(FILE, before, value));
    }

    @Test
    void theShippedFileDiffersInOneLineOnly() throws Exception {
        Path shipped = Path.of("../berth-dist/src/main/home/conf/deployment.toml");
        Path file = dir.resolve("deployment.toml");
        Files.copy(shipped, file);
        OffsetEditor.set(file, "42");
        List<String> before = Files.readAllLines(shipped);
        List<String> after = Files.readAllLines(file);
        assertEquals(before.size(), after.size());
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed++;
                assertEquals("offset = 0", before.get(i));
                assertEquals("offset = 42", after.get(i));
            }
        }
        assertEquals(1, changed);
        assertTrue(Files.list(dir).allMatch(path -> path.equals(file)), "no temporary file is left behind");
    }

    @Test
    void anInlineServerTableIsRefusedRatherThanMangled() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> OffsetEditor.edit(FILE, "server = { hostname = \"h\" }\n", "3"));
        assertTrue(error.getMessage().contains("[server] offset cannot be added"), error.getMessage());
    }

    @Test
    void aMalformedFileIsRefusedWithLineAndColumn() {
        ConfigException error = assertThrows(ConfigException.class, () -> OffsetEditor.edit(FILE, "[server]\noffset = = 3\n", "3"));
        assertTrue(error.getMessage().startsWith("deployment.toml:2:"), error.getMessage());
    }

    @Test
    void aSymlinkedFileIsEditedWhereItPointsAndTheLinkStays() throws Exception {
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Path real = Files.writeString(etc.resolve("deployment.toml"), "[server]\noffset = 0 # managed elsewhere\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Path link = Files.createSymbolicLink(conf.resolve("deployment.toml"), real);
        OffsetEditor.set(link, "411");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("[server]\noffset = 411 # managed elsewhere\n", Files.readString(real));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        try (Stream<Path> left = Files.list(etc)) {
            assertEquals(List.of(real), left.toList(), "no temporary file is left beside the target");
        }
    }

    @Test
    void ownerAndGroupOfAnotherUsersFileStay() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a file to another user");
        Path file = Files.writeString(dir.resolve("deployment.toml"), "[server]\noffset = 1\n");
        Files.setAttribute(file, "unix:uid", 65534);
        Files.setAttribute(file, "unix:gid", 65534);
        OffsetEditor.set(file, "2");
        assertEquals(65534, Files.getAttribute(file, "unix:uid"));
        assertEquals(65534, Files.getAttribute(file, "unix:gid"));
        assertEquals("[server]\noffset = 2\n", Files.readString(file));
    }

    @Test
    void aFileThatChangedSinceItWasReadIsNotOverwritten() throws Exception {
        Path file = Files.writeString(dir.resolve("deployment.toml"), "[server]\noffset = 1\n");
        byte[] read = Files.readAllBytes(file);
        Files.writeString(file, "[server]\noffset = 1\nhostname = \"edited meanwhile\"\n");
        FileChangedException changed = assertThrows(FileChangedException.class,
                () -> SecureFiles.replace(file, read, "[server]\noffset = 2\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(changed.getMessage().contains("changed while it was being edited"), changed.getMessage());
        assertTrue(Files.readString(file).contains("edited meanwhile"));
    }
}
