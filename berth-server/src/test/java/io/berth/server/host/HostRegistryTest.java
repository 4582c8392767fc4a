package io.berth.server.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.ports.BindAddress;
import io.berth.ports.Feature;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.PortProbe;
import io.berth.ports.Protocol;
import io.berth.ports.RequestedOffset;
import io.berth.ports.SocketBindings;
import io.berth.server.report.Json;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRegistryTest {

    private static final PortProbe ALL_FREE = (port, protocol) -> true;
    private static final PortLayout LAYOUT = new PortLayout(Map.of("https", 11543, "http", 11863),
            EnumSet.of(Feature.SERVLET_TRANSPORTS));
    private static final RequestedOffset AUTO = RequestedOffset.parse(new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, "auto"));
    private static final RequestedOffset ZERO = RequestedOffset.parse(new OffsetSetting(OffsetSource.CONFIG, "0"));

    @TempDir
    Path dir;

    private static SocketBindings on(String address) throws Exception {
        return SocketBindings.uniform(BindAddress.resolve(address), "localhost");
    }

    private static final SocketBindings LOOPBACK = SocketBindings.uniform(
            new BindAddress("127.0.0.1", List.of(InetAddress.getLoopbackAddress())), "127.0.0.1");

    @Test
    void autoReservationsNeverShareAnOffsetAndCloseReleasesThem() throws Exception {
        HostRegistry registry = new HostRegistry(dir.resolve("registry"));
        try (Reservation first = registry.reserve(dir.resolve("a"), LAYOUT, AUTO, LOOPBACK, ALL_FREE);
             Reservation second = registry.reserve(dir.resolve("b"), LAYOUT, AUTO, LOOPBACK, ALL_FREE)) {
            assertEquals(0, first.plan().offset().value());
            assertEquals(1, second.plan().offset().value());
            assertEquals(2, registry.entries().size());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(registry.directory())));
            assertTrue(registry.holder(new SocketKey(Protocol.TCP, 11864, "127.0.0.1"), null).orElseThrow()
                    .startsWith("Berth instance " + dir.resolve("b") + " at offset 1 (pid "));
            first.close();
            try (Reservation third = registry.reserve(dir.resolve("c"), LAYOUT, AUTO, LOOPBACK, ALL_FREE)) {
                assertEquals(0, third.plan().offset().value(), "a closed reservation frees its offset");
            }
        }
        assertEquals(List.of(), registry.entries());
        assertEquals(0, registry.taken(Set.of("0.0.0.0")).count(Protocol.TCP), "closing removes the claims too");
    }

    @Test
    void aStatedOffsetOnAnotherInstancesSocketIsRefusedNamingIt() throws Exception {
        HostRegistry registry = new HostRegistry(dir);
        try (Reservation running = registry.reserve(dir.resolve("a"), LAYOUT, AUTO, LOOPBACK, ALL_FREE)) {
            running.update(InstanceState.RUNNING, "https://localhost:11543/console");
            PortReservedException error = assertThrows(PortReservedException.class,
                    () -> registry.reserve(dir.resolve("b"), LAYOUT, ZERO, LOOPBACK, ALL_FREE));
            assertTrue(error.getMessage().startsWith("Port 11543/tcp (https) is held by Berth instance " + dir.resolve("a")
                    + " at offset 0 (pid "), error.getMessage());
            assertEquals(InstanceState.RUNNING, registry.entries().get(0).state());
            assertTrue(Files.readString(registry.directory().resolve(running.entry().reservation() + ".json"))
                    .contains("\"state\" : \"running\""), "the wire value stays lower-case");
        }
    }

    @Test
    void twoInstancesAtOneOffsetOnTwoAddressesBothReserveAndAWildcardOverlapsBoth() throws Exception {
        HostRegistry registry = new HostRegistry(dir);
        try (Reservation two = registry.reserve(dir.resolve("h2"), LAYOUT, ZERO, on("127.0.0.2"), ALL_FREE);
             Reservation three = registry.reserve(dir.resolve("h3"), LAYOUT, ZERO, on("127.0.0.3"), ALL_FREE)) {
            assertEquals(0, two.plan().offset().value());
            assertEquals(0, three.plan().offset().value());
            assertEquals("127.0.0.3", three.entry().ports().get(0).address());
            PortReservedException wildcard = assertThrows(PortReservedException.class,
                    () -> registry.reserve(dir.resolve("any"), LAYOUT, ZERO, on("0.0.0.0"), ALL_FREE));
            assertTrue(wildcard.getMessage().contains("is held by Berth instance " + dir.resolve("h2"))
                    || wildcard.getMessage().contains("is held by Berth instance " + dir.resolve("h3")), wildcard.getMessage());
            try (Reservation auto = registry.reserve(dir.resolve("any"), LAYOUT, AUTO, on("0.0.0.0"), ALL_FREE)) {
                assertEquals(1, auto.plan().offset().value(), "auto on the wildcard skips what either address claimed");
            }
            try (Reservation auto = registry.reserve(dir.resolve("four"), LAYOUT, AUTO, on("127.0.0.4"), ALL_FREE)) {
                assertEquals(0, auto.plan().offset().value(), "auto on a third address may share the offset");
            }
        }
    }

    @Test
    void entriesAndClaimsOfDeadProcessesArePrunedOnRead() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        HostEntry dead = new HostEntry(finished.pid(), 0, finished.pid() + ".0.1", "/gone", 0, true, InstanceState.RUNNING,
                null, List.of(new HostEntry.HostPort("https", 11543, "tcp", "127.0.0.1")));
        Files.writeString(dir.resolve(finished.pid() + ".0.1.json"), Json.write(dead));
        Path claims = Files.createDirectory(dir.resolve("claims"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path claim = Files.createFile(claims.resolve("tcp-11543@127.0.0.1@" + finished.pid() + ".0.1"));
        HostRegistry registry = new HostRegistry(dir);
        assertEquals(List.of(), registry.entries());
        assertTrue(Files.notExists(dir.resolve(finished.pid() + ".0.1.json")));
        try (Reservation reservation = registry.reserve(dir.resolve("a"), LAYOUT, AUTO, LOOPBACK, ALL_FREE)) {
            assertEquals(0, reservation.plan().offset().value(), "a dead instance reserves nothing");
        }
        assertTrue(Files.notExists(claim));
    }

    @Test
    void portsInUseOnTheHostAreSkipped() throws Exception {
        PortProbe busy = (port, protocol) -> port != 11543;
        try (Reservation reservation = new HostRegistry(dir).reserve(dir.resolve("a"), LAYOUT, AUTO, LOOPBACK, busy)) {
            assertNotEquals(0, reservation.plan().offset().value());
        }
    }

    @Test
    void manyThreadsReservingAtOnceGetDistinctOffsets() throws Exception {
        HostRegistry registry = new HostRegistry(dir);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Reservation>> futures = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Path home = dir.resolve("home" + i);
            futures.add(threads.submit((Callable<Reservation>) () -> registry.reserve(home, LAYOUT, AUTO, LOOPBACK, ALL_FREE)));
        }
        Set<Integer> offsets = new HashSet<>();
        List<Reservation> reservations = new ArrayList<>();
        for (Future<Reservation> future : futures) {
            reservations.add(future.get());
            offsets.add(reservations.get(reservations.size() - 1).plan().offset().value());
        }
        threads.shutdown();
        assertEquals(24, offsets.size(), "offsets " + offsets);
        reservations.forEach(Reservation::close);
    }

    @Test
    void theDefaultDirectoryIsPerUserAndTheOverrideWins() {
        Map<String, String> properties = Map.of("java.io.tmpdir", "/tmp", "user.name", "alice");
        assertEquals(Path.of("/tmp/berth-alice"), HostRegistry.directory(name -> null, properties::get));
        assertEquals(dir.resolve("berth"), HostRegistry.directory(Map.of("XDG_RUNTIME_DIR", dir.toString())::get, properties::get));
        assertEquals(Path.of("/x"), HostRegistry.directory(Map.of(HostRegistry.ENVIRONMENT, "/x")::get, properties::get));
    }

    @Test
    void everyReaderRefusesASymlinkedRegistryAndTouchesNothingBehindIt() throws Exception {
        Path privateDir = Files.createDirectory(dir.resolve("private"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path keep = Files.writeString(privateDir.resolve("app-state.json"), "{\"service\":\"web\",\"ports\":[]}");
        Path link = Files.createSymbolicLink(dir.resolve("berth-victim"), privateDir);
        HostRegistry registry = new HostRegistry(link);
        HostRegistryException read = assertThrows(HostRegistryException.class, registry::entries);
        assertTrue(read.getMessage().contains(link + " is a symbolic link"), read.getMessage());
        assertThrows(HostRegistryException.class, () -> registry.reserve(dir.resolve("a"), LAYOUT, AUTO, LOOPBACK, ALL_FREE));
        assertTrue(Files.exists(keep));
        try (var files = Files.list(privateDir)) {
            assertEquals(List.of(keep), files.toList());
        }
    }

    @Test
    void everyReaderRefusesARegistryOthersMayWrite() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(open.resolve("1.0.1.json"), "{}");
        HostRegistryException error = assertThrows(HostRegistryException.class, () -> new HostRegistry(open).entries());
        assertTrue(error.getMessage().contains("has mode rwxrwxrwx; it must be rwx------"), error.getMessage());
    }

    @Test
    void everyReaderRefusesARegistryOfAnotherUser() throws Exception {
        assumeTrue(ProcessIdentity.currentUid().orElse(-1) == 0, "needs root to give a directory to another user");
        Path foreign = Files.createDirectory(dir.resolve("foreign"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setAttribute(foreign, "unix:uid", 65534);
        HostRegistryException error = assertThrows(HostRegistryException.class, () -> new HostRegistry(foreign).entries());
        assertTrue(error.getMessage().contains("belongs to uid 65534, not to this user (uid 0)"), error.getMessage());
    }

    @Test
    void aClaimNamingAProcessOfAnotherUserIsForgedAndCountsForNothing() throws Exception {
        assumeTrue(ProcessIdentity.currentUid().orElse(-1) == 0, "needs root to make a file of another user");
        HostRegistry registry = new HostRegistry(dir);
        ProcessIdentity self = ProcessIdentity.current();
        Path claims = Files.createDirectory(dir.resolve("claims"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path forged = Files.createFile(claims.resolve("tcp-11543@127.0.0.1@" + self.pid() + "." + self.startMillis() + ".999"));
        Files.setAttribute(forged, "unix:uid", 65534);
        try (Reservation reservation = registry.reserve(dir.resolve("a"), LAYOUT, ZERO, LOOPBACK, ALL_FREE)) {
            assertEquals(0, reservation.plan().offset().value(), "a claim owned by another user than its process's is dead");
        }
        assertFalse(Files.exists(forged));
    }

    @Test
    void aStartWaitsForAnotherProcessHoldingItsPortsLockAndClaimsOnceItIsReleased() throws Exception {
        HostRegistry registry = new HostRegistry(dir);
        Path claims = Files.createDirectory(dir.resolve("claims"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        long httpsByte = 11543L * 2 + Protocol.TCP.ordinal();
        // Another process holds the record lock of https's port, as a start in the middle of its claim does.
        Process holder = new ProcessBuilder("python3", "-c", String.join("\n",
                "import fcntl, os, sys, time",
                "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)",
                "fcntl.lockf(fd, fcntl.LOCK_EX, 1, " + httpsByte + ")",
                "print('locked', flush=True)",
                "time.sleep(1)",
                "print('releasing', flush=True)",
                "fcntl.lockf(fd, fcntl.LOCK_UN, 1, " + httpsByte + ")",
                "time.sleep(30)"), claims.resolve(HostClaims.LOCK_FILE).toString()).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))) {
            assertEquals("locked", out.readLine());
            try (Reservation reservation = registry.reserve(dir.resolve("a"), LAYOUT, ZERO, LOOPBACK, ALL_FREE)) {
                // The holder says "releasing" before it unlocks: if the claim waited for the lock, the line is there already.
                assertTrue(out.ready(), "the claim was made while another process held its port's lock");
                assertEquals("releasing", out.readLine());
                assertEquals(0, reservation.plan().offset().value());
            }
        } finally {
            holder.destroyForcibly();
        }
    }
}
