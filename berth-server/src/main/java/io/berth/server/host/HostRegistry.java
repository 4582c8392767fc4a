package io.berth.server.host;

import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortPlanner;
import io.berth.ports.PortProbe;
import io.berth.ports.Protocol;
import io.berth.ports.RequestedOffset;
import io.berth.ports.SocketBindings;
import io.berth.ports.TakenPorts;
import io.berth.server.files.SecureFiles;
import io.berth.server.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Every Berth instance on this host, in two halves:
 * <ul>
 * <li>the sockets they claimed, host-wide, so that starts of every user see each other ({@link HostClaims});</li>
 * <li>one JSON entry per instance of this user, with its home, offset, state and console URL, in a directory of
 *     this user alone: {@code $XDG_RUNTIME_DIR/berth}, else {@code <tmp>/berth-<user>} (mode 0700), trusted only
 *     after the checks of {@link PrivateDirectory}, by every reader.</li>
 * </ul>
 * {@code -Dberth.host.registry} or {@code BERTH_HOST_REGISTRY} names another directory, which then holds both
 * halves, so tests keep to themselves. Entries and claims of processes that are gone are removed when read.
 */
public final class HostRegistry {

    public static final String PROPERTY = "berth.host.registry";
    public static final String ENVIRONMENT = "BERTH_HOST_REGISTRY";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path directory;
    private final HostClaims claims;

    /** A registry whose entries and claims both live in {@code directory}, private to this user. */
    public HostRegistry(Path directory) {
        this(directory, directory.resolve("claims"), false);
    }

    HostRegistry(Path directory, Path claimsDirectory, boolean hostWideClaims) {
        this.directory = directory.toAbsolutePath().normalize();
        this.claims = new HostClaims(claimsDirectory.toAbsolutePath().normalize(), hostWideClaims);
    }

    /** The registry this process uses: the override if one is given, else the per-user default with host-wide claims. */
    public static HostRegistry ofProcess() {
        UnaryOperator<String> environment = System::getenv;
        UnaryOperator<String> properties = System::getProperty;
        Path entries = directory(environment, properties);
        return override(environment, properties).isPresent() ? new HostRegistry(entries)
                : new HostRegistry(entries, hostClaimsDirectory(properties), true);
    }

    static Path directory(UnaryOperator<String> environment, UnaryOperator<String> properties) {
        Optional<Path> override = override(environment, properties);
        if (override.isPresent()) {
            return override.get();
        }
        String runtimeDir = environment.apply("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank() && Files.isDirectory(Path.of(runtimeDir))) {
            return Path.of(runtimeDir, "berth");
        }
        return Path.of(properties.apply("java.io.tmpdir"), "berth-" + properties.apply("user.name"));
    }

    private static Optional<Path> override(UnaryOperator<String> environment, UnaryOperator<String> properties) {
        String override = Optional.ofNullable(properties.apply(PROPERTY)).orElse(environment.apply(ENVIRONMENT));
        return override == null || override.isBlank() ? Optional.empty() : Optional.of(Path.of(override));
    }

    /** {@code /run/lock/berth} where the host has the FHS lock directory, else {@code <tmp>/berth-host}. */
    static Path hostClaimsDirectory(UnaryOperator<String> properties) {
        Path runLock = Path.of("/run/lock");
        return Files.isDirectory(runLock) ? runLock.resolve("berth") : Path.of(properties.apply("java.io.tmpdir"), "berth-host");
    }

    public Path directory() {
        return directory;
    }

    /**
     * Picks and claims the ports of an instance of {@code home}. For {@code auto} it takes the lowest offset at
     * which every enabled port is free on the host and claimed by no other instance on an overlapping address;
     * a stated offset is claimed as it is, unless another instance has claimed an overlapping socket. Planning
     * and probing happen before any lock; only the claim itself is made under the locks of the ports it names,
     * and an {@code auto} start that loses a race for a port looks again. The entry and the claims stay until the
     * reservation is closed or the process dies.
     *
     * @param bindings    where each port id binds: one socket per protocol and address is claimed
     * @param probe       asked whether a port is free on the host; for {@code auto}, it should bind where the
     *                    instance will
     * @throws PortReservedException when a stated offset wants a socket another instance claimed
     * @throws HostRegistryException when the registry's directory cannot be trusted or used
     */
    public Reservation reserve(Path home, PortLayout layout, RequestedOffset requested,
            SocketBindings bindings, PortProbe probe) throws PortReservedException, InterruptedException {
        PrivateDirectory.create(directory);
        String homeText = home.toAbsolutePath().normalize().toString();
        ProcessIdentity self = ProcessIdentity.current();
        String reservation = HostClaims.reservationId(self, SEQUENCE.incrementAndGet());
        while (true) {
            // auto avoids what other instances claimed; a stated offset is claimed as it is, or refused below.
            PortPlan plan = PortPlanner.plan(layout, requested, taken(addresses(layout, bindings)), probe);
            List<HostEntry.HostPort> ports = HostEntry.ports(plan, bindings);
            List<SocketKey> sockets = claimable(plan, ports);
            // Another instance of this same home is no conflict here: the home's own lock refuses the second start,
            // with a message that says so. Read before the lock, so nothing is parsed under it.
            Set<String> sameHome = new HashSet<>();
            entries().stream().filter(entry -> homeText.equals(entry.home())).forEach(entry -> sameHome.add(entry.reservation()));
            Optional<HostClaims.Claim> conflict = claims.claim(reservation, sockets, claim -> sameHome.contains(claim.reservation()));
            if (conflict.isEmpty()) {
                HostEntry entry = new HostEntry(self.pid(), self.startMillis(), reservation, homeText, plan.offset().value(),
                        plan.offset().auto(), InstanceState.STARTING, null, ports);
                Path file = directory.resolve(reservation + ".json");
                try {
                    write(file, entry);
                } catch (RuntimeException e) {
                    claims.release(reservation, sockets);
                    throw e;
                }
                return new Reservation(this, file, entry, plan, sockets);
            }
            if (!requested.auto()) {
                SocketKey wanted = conflict.get().socket();
                String id = ports.stream().filter(port -> port.socket().overlaps(wanted)).map(HostEntry.HostPort::id)
                        .findFirst().orElse("?");
                throw new PortReservedException("Port " + wanted.port() + "/" + wanted.protocol().wireName() + " (" + id
                        + ") is held by " + describe(conflict.get()) + "; pick another offset or use -DportOffset=auto");
            }
            // Another start claimed a port of this plan since we looked: look again, with its claim in view.
        }
    }

    /** The sockets a plan claims: every enabled port that moves with the offset, on its own address. */
    private static List<SocketKey> claimable(PortPlan plan, List<HostEntry.HostPort> ports) {
        List<SocketKey> sockets = new ArrayList<>();
        for (HostEntry.HostPort port : ports) {
            // A fixed port (the multicast group port) is shared by every member on the host by design.
            if (plan.find(port.id()).map(planned -> planned.definition().offsetApplied()).orElse(true)) {
                sockets.add(port.socket());
            }
        }
        return sockets;
    }

    private static Set<String> addresses(PortLayout layout, SocketBindings bindings) {
        Set<String> addresses = new LinkedHashSet<>();
        for (PlannedPort port : layout.at(Offset.of(0, OffsetSource.DEFAULT)).enabledPorts()) {
            bindings.of(port.id()).bind().addresses().forEach(address -> addresses.add(address.getHostAddress()));
        }
        return addresses;
    }

    /**
     * The ports that instances of every user have claimed on sockets overlapping any of {@code addresses} (a
     * numeric address; {@code 0.0.0.0} for every address): what an instance binding there must not pick.
     */
    public TakenPorts taken(Set<String> addresses) {
        PrivateDirectory.exists(directory);
        TakenPorts taken = new TakenPorts();
        for (HostClaims.Claim claim : claims.live()) {
            SocketKey socket = claim.socket();
            if (addresses.stream().anyMatch(address -> socket.overlaps(new SocketKey(socket.protocol(), socket.port(), address)))) {
                taken.take(socket.port(), socket.protocol());
            }
        }
        return taken;
    }

    /**
     * Every live entry of this user, lowest offset first; entries of processes that are gone are deleted on the way.
     *
     * @throws HostRegistryException when the directory is not this user's own private one
     */
    public List<HostEntry> entries() {
        if (!PrivateDirectory.exists(directory)) {
            return List.of();
        }
        List<HostEntry> live = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                read(file).ifPresent(entry -> {
                    if (entry.isLive()) {
                        live.add(entry);
                    } else {
                        HostClaims.deleteQuietly(file);
                    }
                });
            }
        } catch (NoSuchFileException gone) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host registry " + directory + ": " + e.getMessage(), e);
        }
        live.sort(Comparator.comparingInt(HostEntry::offset).thenComparingLong(HostEntry::pid));
        return live;
    }

    /**
     * Who has claimed a socket overlapping {@code socket}: {@code Berth instance /opt/berth at offset 3 (pid
     * 1234)} for an instance of this user, {@code a Berth instance of user bob (pid 99)} for another user's.
     *
     * @param except a reservation to leave out, {@code null} for none: an instance asking who holds a port it
     *               claimed itself wants the process in its way, not its own claim
     */
    public Optional<String> holder(SocketKey socket, String except) {
        PrivateDirectory.exists(directory);
        for (HostClaims.Claim claim : claims.live()) {
            if (claim.socket().overlaps(socket) && !claim.reservation().equals(except)) {
                return Optional.of(describe(claim));
            }
        }
        return Optional.empty();
    }

    private String describe(HostClaims.Claim claim) {
        Path entry = directory.resolve(claim.reservation() + ".json");
        return read(entry).map(HostEntry::describe)
                .orElseGet(() -> "a Berth instance of user " + claim.owner() + " (pid " + claim.process().pid() + ")");
    }

    void write(Path file, HostEntry entry) {
        try {
            SecureFiles.writeAtomically(file, Json.write(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    void release(Path file, List<SocketKey> sockets, String reservation) {
        HostClaims.deleteQuietly(file);
        claims.release(reservation, sockets);
    }

    private static Optional<HostEntry> read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(HostEntry.parse(Files.readString(file)));
        } catch (IOException | RuntimeException unreadable) {
            // Entries are written by rename, so a file that does not parse was not written by Berth.
            return Optional.empty();
        }
    }
}
