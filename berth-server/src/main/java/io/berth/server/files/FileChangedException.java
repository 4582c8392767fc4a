package io.berth.server.files;

import java.io.IOException;
import java.nio.file.Path;

/** A file that changed between the moment it was read and the moment an edit of it was to be written. */
public class FileChangedException extends IOException {

    private final Path file;

    public FileChangedException(Path file) {
        super(file + " changed while it was being edited; nothing was written (run the command again)");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
