package io.berth.server.host;

import io.berth.ports.Protocol;
import io.berth.ports.TakenPorts;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The host-wide half of the host registry: the sockets Berth instances of every user on this host have
 * claimed, so that an {@code auto} start never picks a port another start, of any user, has picked and not
 * yet bound.
 *
 * <p>A claim is an empty file per socket whose name says what it claims and for whom,
 * {@code tcp-9443@127.0.0.1@<pid>.<start millis>.<n>}, owned by the claiming user. A claim is live while its
 * process runs (same pid and start time) as the file's owner; any other claim is dead and is removed by
 * whoever finds it. So a user can claim ports only for processes of their own, as they could bind them.
 *
 * <p>Claims on one port are checked and made under a lock on that port alone: a byte of {@code host.lock}
 * (an fcntl record lock, which the OS drops when its process dies, even by {@code kill -9}). Starts on
 * different ports never wait for one another, and a lock is held only for the few file operations of one
 * claim: nothing is planned, probed, parsed or generated under it. A waiter waits as long as the registry
 * makes progress, and gives up, naming the holder, only when a lock has been held with no progress for
 * {@link #STALL}.
 *
 * <p>The default directory is host-wide ({@code /run/lock/berth}, else {@code <tmp>/berth-host}), sticky
 * and writable by all as {@code /tmp} is, so every user's starts see each other; its lock file is writable by
 * all. A user could hold that lock to stall other users' {@code auto} starts, as they could hold the ports.
 */
final class HostClaims {

    static final String LOCK_FILE = "host.lock";
    /** How long a lock may be held with nothing else changing in the directory before a waiter gives up. */
    static final Duration STALL = Duration.ofSeconds(30);
    /** A FileLock belongs to the JVM, not a thread, and one JVM may not take overlapping ones: threads queue here. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final int WORLD_WRITABLE_STICKY = 01777;
    private static final int OTHERS_WRITE = 0002;
    private static final int STICKY = 01000;

    private final Path directory;
    private final boolean hostWide;

    /**
     * @param hostWide whether every user of the host shares the directory (sticky, writable by all), or it
     *                 is a private one (an override for tests) checked as {@link PrivateDirectory} does
     */
    HostClaims(Path directory, boolean hostWide) {
        this.directory = directory;
        this.hostWide = hostWide;
    }

    Path directory() {
        return directory;
    }

    /** A socket claimed for a reservation, as a claim file's name tells it. */
    record Claim(SocketKey socket, String reservation, ProcessIdentity process, Path file) {

        /** Its process runs, and as the user who owns the claim, so nobody claims ports for another's process. */
        boolean isLive() {
            if (!process.isAlive()) {
                return false;
            }
            Optional<Integer> owner = ProcessIdentity.uidOf(file);
            Optional<Integer> runsAs = process.uid();
            return owner.isEmpty() || runsAs.isEmpty() || owner.get().equals(runsAs.get());
        }

        /** The user owning the claim, for messages about another user's instance. */
        String owner() {
            try {
                UserPrincipal owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
                return owner.getName();
            } catch (IOException | UnsupportedOperationException gone) {
                return "another user";
            }
        }
    }

    /** {@code 1234.1700000000000.7}: a reservation's name, unique on the host as long as its process runs. */
    static String reservationId(ProcessIdentity process, int sequence) {
        return process.pid() + "." + process.startMillis() + "." + sequence;
    }

    /** Every live claim on the host; dead ones are removed on the way where this user may remove them. */
    List<Claim> live() {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        checkDirectory();
        return liveMatching("*@*@*");
    }

    /** The ports live claims hold on sockets that overlap {@code address}: what {@code auto} must skip. */
    TakenPorts taken(String address) {
        TakenPorts taken = new TakenPorts();
        for (Claim claim : live()) {
            SocketKey socket = claim.socket();
            if (socket.overlaps(new SocketKey(socket.protocol(), socket.port(), address))) {
                taken.take(socket.port(), socket.protocol());
            }
        }
        return taken;
    }

    /**
     * Claims every socket for {@code reservation}, all or none, under the locks of their ports.
     *
     * @param ignored claims that do not count as a conflict
     * @return the first live claim of another reservation that overlaps one of them (nothing is claimed then),
     *         or empty when every socket is now claimed
     * @throws HostRegistryException when a lock stays held with no progress for {@link #STALL}
     */
    Optional<Claim> claim(String reservation, List<SocketKey> sockets, Predicate<Claim> ignored) throws InterruptedException {
        ensureDirectory();
        TreeSet<Long> positions = new TreeSet<>();
        sockets.forEach(socket -> positions.add(position(socket.protocol(), socket.port())));
        IN_PROCESS.lockInterruptibly();
        try (FileChannel channel = openLockFile()) {
            List<FileLock> locks = acquire(channel, positions);
            try {
                for (SocketKey socket : sockets) {
                    Optional<Claim> conflict = conflict(reservation, socket, ignored);
                    if (conflict.isPresent()) {
                        return conflict;
                    }
                }
                List<Path> made = new ArrayList<>();
                try {
                    for (SocketKey socket : new LinkedHashSet<>(sockets)) {
                        made.add(Files.createFile(directory.resolve(fileName(socket, reservation))));
                    }
                } catch (IOException e) {
                    made.forEach(HostClaims::deleteQuietly);
                    throw new HostRegistryException("cannot claim ports in the host registry " + directory + ": " + e.getMessage(), e);
                }
                return Optional.empty();
            } finally {
                for (FileLock lock : locks) {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new HostRegistryException("cannot lock the host registry " + directory + ": " + e.getMessage(), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** Removes the claims of {@code reservation}; no lock is needed to give a socket up. */
    void release(String reservation, List<SocketKey> sockets) {
        for (SocketKey socket : sockets) {
            deleteQuietly(directory.resolve(fileName(socket, reservation)));
        }
    }

    private Optional<Claim> conflict(String reservation, SocketKey socket, Predicate<Claim> ignored) {
        for (Claim existing : liveMatching(socket.protocol().wireName() + "-" + socket.port() + "@*")) {
            if (!existing.reservation().equals(reservation) && existing.socket().overlaps(socket) && !ignored.test(existing)) {
                return Optional.of(existing);
            }
        }
        return Optional.empty();
    }

    private List<Claim> liveMatching(String glob) {
        List<Claim> live = new ArrayList<>();
        Map<String, Boolean> liveness = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
            for (Path file : files) {
                Optional<Claim> claim = parse(file);
                if (claim.isEmpty()) {
                    continue;
                }
                if (liveness.computeIfAbsent(claim.get().reservation(), any -> claim.get().isLive())) {
                    live.add(claim.get());
                } else {
                    // Its process is gone: its name can never be made again, so removing it races with nobody.
                    deleteQuietly(file);
                }
            }
        } catch (NoSuchFileException gone) {
            return List.of();
        } catch (IOException e) {
            throw new HostRegistryException("cannot read the host registry " + directory + ": " + e.getMessage(), e);
        }
        return live;
    }

    private List<FileLock> acquire(FileChannel channel, TreeSet<Long> positions) throws IOException, InterruptedException {
        long lastProgress = System.nanoTime();
        Object lastMark = null;
        while (true) {
            List<FileLock> locks = new ArrayList<>();
            Long blocked = null;
            for (long position : positions) {
                FileLock lock = channel.tryLock(position, 1, false);
                if (lock == null) {
                    blocked = position;
                    break;
                }
                locks.add(lock);
            }
            if (blocked == null) {
                return locks;
            }
            // All or none: holding some while waiting for others could deadlock two starts.
            for (FileLock lock : locks) {
                lock.release();
            }
            List<Object> mark = List.of(lastModified(), LockHolders.holder(directory.resolve(LOCK_FILE), blocked));
            long now = System.nanoTime();
            if (!mark.equals(lastMark)) {
                lastMark = mark;
                lastProgress = now;
            } else if (now - lastProgress > STALL.toNanos()) {
                throw new HostRegistryException("the host registry's lock on port " + (blocked / 2) + "/"
                        + Protocol.values()[(int) (blocked % 2)].wireName() + " in " + directory + " has been held by "
                        + mark.get(1) + " for " + STALL.toSeconds() + " s while nothing else changed; is that process stopped?");
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 8));
        }
    }

    private Object lastModified() {
        try {
            return Files.getLastModifiedTime(directory, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    /** One byte of the lock file per port and protocol. */
    private static long position(Protocol protocol, int port) {
        return port * 2L + protocol.ordinal();
    }

    private static String fileName(SocketKey socket, String reservation) {
        return socket.protocol().wireName() + "-" + socket.port() + "@" + socket.address() + "@" + reservation;
    }

    /** A claim file's name back to its claim; empty for any other file. */
    static Optional<Claim> parse(Path file) {
        String[] parts = file.getFileName().toString().split("@");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String[] socket = parts[0].split("-");
        String[] process = parts[2].split("\\.");
        if (socket.length != 2 || process.length != 3) {
            return Optional.empty();
        }
        try {
            Protocol protocol = Protocol.valueOf(socket[0].toUpperCase(Locale.ROOT));
            int port = Integer.parseInt(socket[1]);
            return Optional.of(new Claim(new SocketKey(protocol, port, parts[1]), parts[2],
                    new ProcessIdentity(Long.parseLong(process[0]), Long.parseLong(process[1])), file));
        } catch (IllegalArgumentException notAClaim) {
            return Optional.empty();
        }
    }

    /**
     * Opens {@code host.lock} without following a link and without {@code O_CREAT} when it exists (Linux's
     * {@code protected_regular} refuses {@code O_CREAT} on another user's file in a sticky directory).
     */
    private FileChannel openLockFile() throws IOException {
        Path lock = directory.resolve(LOCK_FILE);
        while (true) {
            try {
                return FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException absent) {
                try {
                    FileChannel created = FileChannel.open(lock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    if (hostWide) {
                        // Every user takes this lock; the umask would keep them out.
                        Files.setAttribute(lock, "unix:mode", 0666);
                    }
                    return created;
                } catch (FileAlreadyExistsException raced) {
                    // Another start made it first: open theirs.
                }
            }
        }
    }

    private void ensureDirectory() {
        if (!hostWide) {
            PrivateDirectory.create(directory);
            return;
        }
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(directory.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(directory);
                    Files.setAttribute(directory, "unix:mode", WORLD_WRITABLE_STICKY);
                } catch (FileAlreadyExistsException raced) {
                    // Another user's start made it first; it is checked below like any other.
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new HostRegistryException("cannot create the host registry " + directory + ": " + e.getMessage(), e);
        }
        checkDirectory();
    }

    /**
     * The host-wide directory is shared, so its owner may be anyone; it must be a real directory (not a link)
     * and, when others may write it, sticky, so no user can remove another's claims.
     */
    private void checkDirectory() {
        if (!hostWide) {
            PrivateDirectory.exists(directory);
            return;
        }
        if (Files.isSymbolicLink(directory) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new HostRegistryException("the host registry " + directory + " is a symbolic link or not a directory;"
                    + " remove it (set " + HostRegistry.ENVIRONMENT + " to use another directory)");
        }
        try {
            int mode = (Integer) Files.getAttribute(directory, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
                throw new HostRegistryException("the host registry " + directory + " may be written by anyone but is not"
                        + " sticky, so any user could remove another's claims; chmod 1777 it");
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException notPosix) {
            // No mode to check here.
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Another reader removed it first, or it is another user's in a sticky directory: it is dead either way.
        }
    }
}
