package io.berth.server.host;

import io.berth.ports.HostPlanner;
import io.berth.ports.Offset;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortProbe;
import io.berth.ports.Protocol;
import io.berth.ports.RequestedOffset;
import io.berth.ports.TakenPorts;
import io.berth.server.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Every Berth instance on this host, one JSON file per instance in a per-user directory:
 * {@code $XDG_RUNTIME_DIR/berth}, else {@code <tmp>/berth-<user>} (mode 0700). {@code -Dberth.host.registry}
 * or {@code BERTH_HOST_REGISTRY} names another directory, so tests can keep to themselves.
 * Entries of processes that are gone are removed when the registry is read.
 */
public final class HostRegistry {

    public static final String PROPERTY = "berth.host.registry";
    public static final String ENVIRONMENT = "BERTH_HOST_REGISTRY";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** A FileLock is held per JVM, not per thread: threads of one JVM queue here first. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** How far apart two readings of one process's start time may be and still mean the same process. */
    private static final long START_TOLERANCE_MILLIS = 2000;

    private final Path directory;

    public HostRegistry(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The registry this process uses: the override if one is given, else the per-user default. */
    public static HostRegistry ofProcess() {
        return new HostRegistry(directory(System::getenv, System::getProperty));
    }

    static Path directory(UnaryOperator<String> environment, UnaryOperator<String> properties) {
        String override = Optional.ofNullable(properties.apply(PROPERTY)).orElse(environment.apply(ENVIRONMENT));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String runtimeDir = environment.apply("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank() && Files.isDirectory(Path.of(runtimeDir))) {
            return Path.of(runtimeDir, "berth");
        }
        return Path.of(properties.apply("java.io.tmpdir"), "berth-" + properties.apply("user.name"));
    }

    public Path directory() {
        return directory;
    }

    /** Runs {@code action} holding the host-wide lock, so no two processes pick or record ports at once. */
    public <T> T locked(Callable<T> action) throws Exception {
        ensureDirectory();
        if (!IN_PROCESS.tryLock(LOCK_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the host registry " + directory + " stayed locked for " + LOCK_WAIT.toSeconds() + " s");
        }
        try (FileChannel channel = FileChannel.open(directory.resolve("registry.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = acquire(channel);
            try {
                return action.call();
            } finally {
                lock.release();
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private FileLock acquire(FileChannel channel) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the host registry " + directory + " stayed locked for " + LOCK_WAIT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /**
     * Picks and records the ports of an instance of {@code home} under the host lock. For
     * {@code auto} it takes the lowest offset at which every enabled port is free on the host and not
     * reserved by another entry; a stated offset is recorded as it is, unless another instance has
     * reserved one of its ports. The entry stays until the reservation is closed or the process dies.
     *
     * @throws PortReservedException when a stated offset wants a port another instance reserved
     */
    public Reservation reserve(Path home, PortLayout layout, RequestedOffset requested, PortProbe probe) throws Exception {
        String homeText = home.toAbsolutePath().normalize().toString();
        return locked(() -> {
            List<HostEntry> live = entries();
            PortPlan plan;
            if (requested.auto()) {
                plan = HostPlanner.lowest(layout, taken(live, homeText), probe, requested.source());
            } else {
                plan = layout.at(Offset.of(requested.value(), requested.source()));
                refuseReserved(plan, live, homeText);
            }
            HostEntry entry = HostEntry.of(ProcessHandle.current().pid(), currentProcessStart(), homeText, plan, "starting");
            return new Reservation(this, add(entry), entry, plan);
        });
    }

    private static void refuseReserved(PortPlan plan, List<HostEntry> live, String home) throws PortReservedException {
        for (PlannedPort port : plan.enabledPorts()) {
            if (!port.definition().offsetApplied()) {
                // A fixed port (the multicast group port) is shared by every member on the host by design.
                continue;
            }
            for (Protocol protocol : port.definition().protocols()) {
                for (HostEntry entry : live) {
                    if (!entry.home().equals(home) && entry.holds(port.effective(), protocol)) {
                        throw new PortReservedException("Port " + port.effective() + "/" + protocol.wireName() + " ("
                                + port.id() + ") is held by " + entry.describe() + "; pick another offset or use -DportOffset=auto");
                    }
                }
            }
        }
    }

    /** Every live entry, lowest offset first; entries of processes that are gone are deleted on the way. */
    public List<HostEntry> entries() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<HostEntry> live = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                read(file).ifPresent(entry -> {
                    if (isLive(entry)) {
                        live.add(entry);
                    } else {
                        deleteQuietly(file);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host registry " + directory + ": " + e.getMessage(), e);
        }
        live.sort(Comparator.comparingInt(HostEntry::offset).thenComparingLong(HostEntry::pid));
        return live;
    }

    /** The ports every live entry holds or has reserved, except those of {@code exceptHome}. */
    public TakenPorts taken(List<HostEntry> entries, String exceptHome) {
        TakenPorts taken = new TakenPorts();
        for (HostEntry entry : entries) {
            if (entry.home().equals(exceptHome)) {
                continue;
            }
            for (HostEntry.HostPort port : entry.ports()) {
                taken.take(port.port(), Protocol.valueOf(port.protocol().toUpperCase(Locale.ROOT)));
            }
        }
        return taken;
    }

    /** The live entry holding {@code port}, if a Berth instance holds or has reserved it. */
    public Optional<HostEntry> holder(int port, Protocol protocol) {
        return entries().stream().filter(entry -> entry.holds(port, protocol)).findFirst();
    }

    /** Writes a new entry of this process; the returned file name identifies it from now on. */
    Path add(HostEntry entry) {
        ensureDirectory();
        Path file = directory.resolve(entry.pid() + "-" + SEQUENCE.incrementAndGet() + ".json");
        write(file, entry);
        return file;
    }

    void write(Path file, HostEntry entry) {
        try {
            Path temporary = Files.createTempFile(directory, "entry", ".tmp");
            try {
                Files.writeString(temporary, Json.write(entry));
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Another reader pruned it first, or the directory went away: either way it is gone.
        }
    }

    private static Optional<HostEntry> read(Path file) {
        try {
            return Optional.of(HostEntry.parse(Files.readString(file)));
        } catch (IOException | RuntimeException unreadable) {
            // Entries are written by rename, so a file that does not parse was not written by Berth.
            return Optional.empty();
        }
    }

    static boolean isLive(HostEntry entry) {
        Optional<ProcessHandle> process = ProcessHandle.of(entry.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        return process.get().info().startInstant()
                .map(start -> Math.abs(start.toEpochMilli() - entry.processStart()) <= START_TOLERANCE_MILLIS)
                .orElse(true);
    }

    /** When this process started, as entries record it. */
    static long currentProcessStart() {
        return ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH).toEpochMilli();
    }

    /**
     * Creates the directory owner-only, or checks that an existing one is ours and closed to
     * others: a directory another user can write to would let them forge entries.
     */
    private void ensureDirectory() {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
            }
            String owner = Files.getOwner(directory).getName();
            String me = System.getProperty("user.name");
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
            if (!owner.equals(me) || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IllegalStateException("the host registry " + directory + " belongs to " + owner + " with mode "
                        + PosixFilePermissions.toString(permissions) + "; it must be " + me
                        + "'s and not writable by others (set " + ENVIRONMENT + " to use another directory)");
            }
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: there is no mode to set or check.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the host registry " + directory + ": " + e.getMessage(), e);
        }
    }
}
