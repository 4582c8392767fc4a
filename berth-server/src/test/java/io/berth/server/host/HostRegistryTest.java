package io.berth.server.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.Feature;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.PortProbe;
import io.berth.ports.Protocol;
import io.berth.ports.RequestedOffset;
import io.berth.server.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRegistryTest {

    private static final PortProbe ALL_FREE = (port, protocol) -> true;
    private static final PortLayout LAYOUT = new PortLayout(Map.of("https", 11543, "http", 11863),
            EnumSet.of(Feature.SERVLET_TRANSPORTS));
    private static final RequestedOffset AUTO = RequestedOffset.parse(new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, "auto"));

    @TempDir
    Path dir;

    @Test
    void autoReservationsNeverShareAnOffsetAndCloseReleasesThem() throws Exception {
        HostRegistry registry = new HostRegistry(dir.resolve("registry"));
        try (Reservation first = registry.reserve(dir.resolve("a"), LAYOUT, AUTO, ALL_FREE);
             Reservation second = registry.reserve(dir.resolve("b"), LAYOUT, AUTO, ALL_FREE)) {
            assertEquals(0, first.plan().offset().value());
            assertEquals(1, second.plan().offset().value());
            assertEquals(2, registry.entries().size());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(registry.directory())));
            assertEquals(dir.resolve("b").toString(), registry.holder(11864, Protocol.TCP).orElseThrow().home());
            first.close();
            try (Reservation third = registry.reserve(dir.resolve("c"), LAYOUT, AUTO, ALL_FREE)) {
                assertEquals(0, third.plan().offset().value(), "a closed reservation frees its offset");
            }
        }
        assertEquals(List.of(), registry.entries());
    }

    @Test
    void aStatedOffsetOnAnotherInstancesPortIsRefusedNamingIt() throws Exception {
        HostRegistry registry = new HostRegistry(dir);
        try (Reservation running = registry.reserve(dir.resolve("a"), LAYOUT, AUTO, ALL_FREE)) {
            running.update("running", "https://localhost:11543/console");
            RequestedOffset zero = RequestedOffset.parse(new OffsetSetting(OffsetSource.CONFIG, "0"));
            PortReservedException error = assertThrows(PortReservedException.class,
                    () -> registry.reserve(dir.resolve("b"), LAYOUT, zero, ALL_FREE));
            assertTrue(error.getMessage().startsWith("Port 11543/tcp (https) is held by Berth instance " + dir.resolve("a")
                    + " at offset 0 (pid "), error.getMessage());
            assertEquals("running", registry.entries().get(0).state());
        }
    }

    @Test
    void entriesOfDeadProcessesArePrunedOnRead() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        HostEntry dead = new HostEntry(finished.pid(), 0, "/gone", 0, true, "running", null,
                List.of(new HostEntry.HostPort("https", 11543, "tcp")));
        Files.writeString(dir.resolve(finished.pid() + "-1.json"), Json.write(dead));
        HostRegistry registry = new HostRegistry(dir);
        assertEquals(List.of(), registry.entries());
        assertTrue(Files.notExists(dir.resolve(finished.pid() + "-1.json")));
        try (Reservation reservation = registry.reserve(dir.resolve("a"), LAYOUT, AUTO, ALL_FREE)) {
            assertEquals(0, reservation.plan().offset().value(), "a dead instance reserves nothing");
        }
    }

    @Test
    void portsInUseOnTheHostAreSkipped() throws Exception {
        PortProbe busy = (port, protocol) -> port != 11543;
        try (Reservation reservation = new HostRegistry(dir).reserve(dir.resolve("a"), LAYOUT, AUTO, busy)) {
            assertNotEquals(0, reservation.plan().offset().value());
        }
    }

    @Test
    void theDefaultDirectoryIsPerUserAndTheOverrideWins() {
        Map<String, String> properties = Map.of("java.io.tmpdir", "/tmp", "user.name", "alice");
        assertEquals(Path.of("/tmp/berth-alice"), HostRegistry.directory(name -> null, properties::get));
        assertEquals(dir.resolve("berth"), HostRegistry.directory(Map.of("XDG_RUNTIME_DIR", dir.toString())::get, properties::get));
        assertEquals(Path.of("/x"), HostRegistry.directory(Map.of(HostRegistry.ENVIRONMENT, "/x")::get, properties::get));
    }
}
