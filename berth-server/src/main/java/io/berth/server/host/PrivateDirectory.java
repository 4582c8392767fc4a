package io.berth.server.host;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A directory this user alone may write, checked as tmux checks {@code /tmp/tmux-UID} and ssh-agent its
 * socket directory: by {@code lstat} (a symbolic link is refused, never followed), owner (this process's uid)
 * and mode (no permission for group or others). A directory of {@code <tmp>} can be made first by anyone, so
 * a name alone proves nothing: every reader and writer of the host registry checks before trusting a byte in it.
 */
final class PrivateDirectory {

    /** Group and others: read, write, search. */
    private static final int GROUP_OTHER_BITS = 0077;

    private PrivateDirectory() {
    }

    /**
     * Whether {@code dir} exists; when it does, it has passed the checks.
     *
     * @throws HostRegistryException when it exists and is a link, not a directory, another user's, or open to others
     */
    static boolean exists(Path dir) {
        int mode;
        try {
            if (Files.isSymbolicLink(dir)) {
                throw unsafe(dir, "is a symbolic link");
            }
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw unsafe(dir, "is not a directory");
            }
            mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException notPosix) {
            // Not a POSIX file system: it has no owner uid or mode to check.
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new HostRegistryException("cannot read the host registry " + dir + ": " + e.getMessage(), e);
        }
        Optional<Integer> owner = ProcessIdentity.uidOf(dir);
        Optional<Integer> me = ProcessIdentity.currentUid();
        if (owner.isPresent() && me.isPresent() && !owner.get().equals(me.get())) {
            throw unsafe(dir, "belongs to uid " + owner.get() + ", not to this user (uid " + me.get() + ")");
        }
        if ((mode & GROUP_OTHER_BITS) != 0) {
            throw unsafe(dir, "has mode " + PosixFilePermissions.toString(permissions(mode))
                    + "; it must be rwx------ (chmod 700 it if it is yours)");
        }
        return true;
    }

    /** Creates {@code dir} with mode 0700 unless it exists, then checks it as {@link #exists} does. */
    static void create(Path dir) {
        try {
            if (!exists(dir)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException raced) {
                    // Someone made it between our look and our mkdir: it is checked below like any other.
                }
                exists(dir);
            }
        } catch (IOException e) {
            throw new HostRegistryException("cannot create the host registry " + dir + ": " + e.getMessage(), e);
        }
    }

    private static HostRegistryException unsafe(Path dir, String why) {
        return new HostRegistryException("the host registry " + dir + " " + why + "; Berth trusts only a directory"
                + " of its own user that no one else may write (set " + HostRegistry.ENVIRONMENT + " to use another)");
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        StringBuilder text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }
}
