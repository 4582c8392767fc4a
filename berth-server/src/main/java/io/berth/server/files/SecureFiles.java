package io.berth.server.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one way Berth writes files that matter: owner-only permissions from the first byte, and atomic
 * replacement, so a reader sees the old file or the new one, never half of one, and a secret (key
 * database, keytab, keystore, password) is never readable by another user, not even for an instant.
 */
public final class SecureFiles {

    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {
    }

    /** Creates {@code dir} (and parents) with mode 0700 on POSIX file systems. */
    public static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (isPosix(parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; fine as long as it is a directory.
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
        }
    }

    /**
     * Replaces {@code target} with {@code content} so that readers see either the old or the new file,
     * never a partial one. The file is created with mode 0600 before any byte is written, so secrets
     * are never briefly world-readable.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = temporaryBeside(target, OWNER_RW);
        try {
            writeFully(tmp, content);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Replaces the content of a file someone keeps, as an editor does: a symbolic link is followed and the file
     * it points to is replaced (the link stays, as Git's lockfile API does); the file keeps its mode, owner and
     * group; and when it no longer holds {@code expected}, nothing is written. The replacement is atomic (a new
     * file renamed over the old one), except where this process may not give the new file the old one's owner:
     * then the file is rewritten in place, since a rename would hand it to the caller.
     *
     * @param expected the bytes the caller read and edited
     * @throws FileChangedException when the file's content is no longer {@code expected}
     */
    public static void replace(Path file, byte[] expected, byte[] content) throws IOException {
        Path real = file.toRealPath();
        if (!Arrays.equals(Files.readAllBytes(real), expected)) {
            throw new FileChangedException(file);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(real, PosixFileAttributeView.class);
        if (view == null) {
            Path tmp = temporaryBeside(real, null);
            try {
                writeFully(tmp, content);
                moveIntoPlace(tmp, real);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return;
        }
        PosixFileAttributes before = view.readAttributes();
        Path tmp = temporaryBeside(real, OWNER_RW);
        try {
            PosixFileAttributeView tmpView = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            boolean sameOwner;
            try {
                if (!tmpView.getOwner().equals(before.owner())) {
                    tmpView.setOwner(before.owner());
                }
                if (!tmpView.readAttributes().group().equals(before.group())) {
                    tmpView.setGroup(before.group());
                }
                sameOwner = true;
            } catch (IOException notPermitted) {
                sameOwner = false;
            }
            if (!sameOwner) {
                writeInPlace(real, content);
                return;
            }
            writeFully(tmp, content);
            tmpView.setPermissions(before.permissions());
            if (!Arrays.equals(Files.readAllBytes(real), expected)) {
                throw new FileChangedException(file);
            }
            moveIntoPlace(tmp, real);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Truncates and writes {@code file} through the same inode, so owner, group, mode and links all stay. */
    private static void writeInPlace(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    /** A new empty file in the target's directory, with {@code mode} from its creation on POSIX file systems. */
    private static Path temporaryBeside(Path target, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        FileAttribute<?>[] attrs = mode != null && isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
        return Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs);
    }

    private static void writeFully(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
             OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            out.write(content);
            out.flush();
            ch.force(true);
        }
    }

    private static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isPosix(Path dir) {
        return dir != null && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Removes {@code root} and everything below it, deepest first; nothing when it does not exist. For the
     * scratch directories a command or keytool wrote into, which must not outlive the work.
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Text as UTF-8, through {@link #writeAtomically(Path, byte[])}. */
    public static void writeAtomically(Path target, String content) throws IOException {
        writeAtomically(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
