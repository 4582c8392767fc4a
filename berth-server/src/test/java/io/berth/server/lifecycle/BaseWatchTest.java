package io.berth.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts as a base gone from under its instance; the stop it leads to is tested through the distribution. */
class BaseWatchTest {

    @TempDir
    Path dir;

    @Test
    void aBaseWithItsConfIsThere() throws Exception {
        Path base = Files.createDirectories(dir.resolve("base/conf"));
        Files.createDirectories(base.resolveSibling("runtime"));
        assertEquals(Optional.empty(), BaseWatch.missing(base.getParent()));
    }

    @Test
    void aBaseWhoseRuntimeDirectoryAloneWasClearedIsStillThere() throws Exception {
        Path base = dir.resolve("base");
        Files.createDirectories(base.resolve("conf"));
        assertEquals(Optional.empty(), BaseWatch.missing(base));
    }

    @Test
    void aDeletedBaseIsGone() {
        Path base = dir.resolve("deleted");
        assertEquals(Optional.of("its base " + base + " no longer exists"), BaseWatch.missing(base));
    }

    @Test
    void aBaseWithoutConfIsGone() throws Exception {
        Path base = Files.createDirectories(dir.resolve("base/logs")).getParent();
        assertEquals(Optional.of("its base " + base + " has no conf/ any more"), BaseWatch.missing(base));
    }
}
