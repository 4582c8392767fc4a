package io.berth.server.thrift.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes secrets so that no other local user can read them, not even for an instant. */
public final class SecureFiles {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {
    }

    /**
     * Writes {@code content} to {@code file} with mode 0600. The file is created with that mode
     * (not chmod-ed afterwards) in the same directory and then moved into place, so readers
     * never see a half-written or world-readable secret.
     *
     * @throws FileAlreadyExistsException if {@code file} exists and {@code overwrite} is false
     */
    public static void writeOwnerOnly(Path file, String content, boolean overwrite) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createOwnerOnlyDirectories(dir);
        if (!overwrite && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite");
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly(OWNER_RW));
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates missing directories with mode 0700; existing directories are left as they are. */
    public static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly(OWNER_RWX));
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        // Non-POSIX file systems (Windows) get the platform default ACLs of the home directory.
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
