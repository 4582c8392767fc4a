package io.berth.server.lifecycle;

import io.berth.server.files.SecureFiles;
import io.berth.server.host.ProcessIdentity;
import io.berth.server.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code <home>/runtime/instance.json}: written while an instance runs, removed on a clean stop,
 * and recognised as stale when the process it names is gone.
 */
public final class RuntimeFile {

    private static final String HOME_PROPERTY = "-Dberth.home=";

    private final Path file;
    private final Path home;

    public RuntimeFile(Path home) {
        this.home = home.toAbsolutePath().normalize();
        this.file = this.home.resolve("runtime").resolve("instance.json");
    }

    public Path path() {
        return file;
    }

    /** Writes the record atomically: readers see the old file or the new one, never half of one. */
    public void write(InstanceRecord record) {
        try {
            SecureFiles.writeAtomically(file, Json.write(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The record as written, whether or not its process still runs; empty when there is none or it is unreadable. */
    public Optional<InstanceRecord> read() {
        try {
            return Optional.of(Json.mapper().readValue(Files.readString(file), InstanceRecord.class));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The record of a live instance of this home; a stale record (its process gone) reads as none. */
    public Optional<InstanceRecord> readLive() {
        return read().filter(this::isLive);
    }

    /**
     * Whether the recorded process runs and is the Berth of exactly this home that wrote the record: the pid is
     * alive, started when the record says ({@code processStartedAt}, else {@code startedAt}), and was started with {@code -Dberth.home=} naming
     * this very home (a home {@code node10} is not {@code node1}). A pid that the OS has since given to another
     * process, even another Berth's, fails.
     */
    public boolean isLive(InstanceRecord record) {
        return home.toString().equals(record.home())
                && new ProcessIdentity(record.pid(), startMillis(record)).isAlive()
                && ProcessIdentity.arguments(record.pid()).stream()
                        .filter(argument -> argument.startsWith(HOME_PROPERTY))
                        .anyMatch(argument -> Path.of(argument.substring(HOME_PROPERTY.length())).toAbsolutePath().normalize()
                                .equals(home));
    }

    /** The record's process start time, or 0 (unknown, so not compared) when it is not an ISO-8601 instant. */
    private static long startMillis(InstanceRecord record) {
        try {
            return Instant.parse(record.processStartedAt() != null ? record.processStartedAt() : record.startedAt()).toEpochMilli();
        } catch (DateTimeParseException | NullPointerException unknown) {
            return 0;
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
