package io.berth.server.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A process as Berth records it: its pid and when it started, so that a pid the OS has since handed to
 * another process is not mistaken for it. This is the one answer to "is this process still the one
 * that wrote the file": the host registry's entries and claims and the runtime file all ask it.
 *
 * @param pid         the process id
 * @param startMillis when the process started, epoch milliseconds as {@link ProcessHandle.Info#startInstant()}
 *                    reports it; 0 when the OS does not tell
 */
public record ProcessIdentity(long pid, long startMillis) {

    /**
     * How far apart two readings of one process's start time may be and still mean the same process. Linux
     * counts a start in clock ticks since boot; readings agree to the tick, so two seconds is generous, and a
     * pid is not reused within two seconds of its first owner's start on any host we know of.
     */
    private static final long START_TOLERANCE_MILLIS = 2000;

    /** This process. */
    public static ProcessIdentity current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessIdentity(self.pid(), startOf(self));
    }

    /** The process that runs as {@code pid} now, if any. */
    public static Optional<ProcessIdentity> of(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(handle -> new ProcessIdentity(pid, startOf(handle)));
    }

    private static long startOf(ProcessHandle handle) {
        return handle.info().startInstant().orElse(Instant.EPOCH).toEpochMilli();
    }

    /**
     * Whether the process runs and is the one recorded: same pid, same start time (when both are known).
     * A pid reused by a later process fails here.
     */
    public boolean isAlive() {
        return of(pid).map(now -> startMillis == 0 || now.startMillis() == 0
                || Math.abs(now.startMillis() - startMillis) <= START_TOLERANCE_MILLIS).orElse(false);
    }

    /** Whether this is the process asking. */
    public boolean isCurrent() {
        return pid == ProcessHandle.current().pid();
    }

    /** The uid the process runs as (the owner of {@code /proc/<pid>}); empty off Linux or once it is gone. */
    public Optional<Integer> uid() {
        return uidOf(Path.of("/proc", Long.toString(pid)));
    }

    /** The uid owning {@code path}, without following a symbolic link; empty off POSIX or when it is gone. */
    public static Optional<Integer> uidOf(Path path) {
        try {
            return Optional.of((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException absent) {
            return Optional.empty();
        }
    }

    /**
     * The uid of this process: the owner of {@code /proc/<pid>}, which the kernel makes the effective uid
     * ({@code /proc/self} itself is a link, owned by root).
     */
    public static Optional<Integer> currentUid() {
        return new ProcessIdentity(ProcessHandle.current().pid(), 0).uid();
    }

    /** The process's arguments, one per element, as the kernel has them (Linux {@code /proc/<pid>/cmdline}). */
    public static List<String> arguments(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0"));
        } catch (IOException | SecurityException gone) {
            return List.of();
        }
    }

    /** The process's command line with its arguments joined by spaces, or a plain statement that it is not readable. */
    public static String commandLine(long pid) {
        List<String> arguments = arguments(pid);
        return arguments.isEmpty() ? "command not readable" : String.join(" ", arguments).strip();
    }
}
