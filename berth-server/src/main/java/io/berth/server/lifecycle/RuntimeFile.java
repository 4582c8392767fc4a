package io.berth.server.lifecycle;

import io.berth.server.files.SecureFiles;
import io.berth.server.host.PortHolders;
import io.berth.server.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <home>/runtime/instance.json}: written while an instance runs, removed on a clean stop,
 * and recognised as stale when the process it names is gone.
 */
public final class RuntimeFile {

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

    /** Whether the recorded process runs and is a Berth of this home, not another process that reused the pid. */
    public boolean isLive(InstanceRecord record) {
        return ProcessHandle.of(record.pid()).map(ProcessHandle::isAlive).orElse(false)
                && PortHolders.commandLine(record.pid()).contains("-Dberth.home=" + home);
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
