package io.berth.server.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Who holds a record lock on a byte of a file, from Linux's {@code /proc/locks}, for a message about a stalled lock. */
final class LockHolders {

    private LockHolders() {
    }

    /** {@code pid 1234 (command)}, or {@code another process} when the OS does not say. */
    static String holder(Path file, long position) {
        try {
            long inode = ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
            List<String> lines = Files.readAllLines(Path.of("/proc/locks"));
            for (String line : lines) {
                // 1: POSIX  ADVISORY  WRITE 1234 08:01:5678 18886 18886   (waiters are marked "->" and skipped)
                String[] columns = line.trim().split("\\s+");
                if (columns.length < 8 || line.contains("->") || !columns[1].equals("POSIX")) {
                    continue;
                }
                String[] device = columns[5].split(":");
                if (device.length != 3 || Long.parseLong(device[2]) != inode) {
                    continue;
                }
                long start = Long.parseLong(columns[6]);
                long end = columns[7].equals("EOF") ? Long.MAX_VALUE : Long.parseLong(columns[7]);
                if (start <= position && position <= end) {
                    long pid = Long.parseLong(columns[4]);
                    String command = ProcessIdentity.commandLine(pid);
                    return "pid " + pid + " (" + (command.length() > 120 ? command.substring(0, 117) + "..." : command) + ")";
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // No /proc/locks, or a line of a form we do not know: say less.
        }
        return "another process";
    }
}
