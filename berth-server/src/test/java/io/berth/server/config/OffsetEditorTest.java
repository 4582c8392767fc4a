package io.berth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
