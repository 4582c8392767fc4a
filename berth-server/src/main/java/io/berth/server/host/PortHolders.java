package io.berth.server.host;

import io.berth.ports.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Names who holds a port: another Berth instance by home and offset, else a process by pid and
 * command, as far as the OS lets us see.
 */
public final class PortHolders {

    private static final String HOME_PROPERTY = "-Dberth.home=";

    /** Tells the offset of a Berth home that runs, from its runtime file. */
    private final Function<Path, Optional<Integer>> offsetOfHome;

    public PortHolders(Function<Path, Optional<Integer>> offsetOfHome) {
        this.offsetOfHome = offsetOfHome;
    }

    /** {@code Berth instance /opt/berth at offset 3 (pid 1234)}, {@code pid 99 (nc -l 9443)}, or a plain statement that the OS does not say. */
    public String describe(int port, Protocol protocol) {
        List<Long> inodes = ProcNet.listeners().stream()
                .filter(entry -> entry.port() == port && entry.protocol() == protocol)
                .map(SocketEntry::inode)
                .toList();
        if (inodes.isEmpty()) {
            return "a process the OS does not name (no listener in /proc/net; the port may be held in another namespace)";
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(path -> Long.parseLong(path.getFileName().toString()))
                    .filter(pid -> ProcNet.socketInodes(pid).stream().anyMatch(inodes::contains))
                    .findFirst()
                    .map(this::describeProcess)
                    .orElse("another user's process (the OS does not tell which)");
        } catch (IOException notLinux) {
            return "another process (the OS does not tell which)";
        }
    }

    private String describeProcess(long pid) {
        String command = commandLine(pid);
        int at = command.indexOf(HOME_PROPERTY);
        if (at >= 0) {
            String home = command.substring(at + HOME_PROPERTY.length()).split(" ", 2)[0];
            Optional<Integer> offset = offsetOfHome.apply(Path.of(home));
            return "Berth instance " + home + offset.map(value -> " at offset " + value).orElse("") + " (pid " + pid + ")";
        }
        return "pid " + pid + " (" + (command.length() > 120 ? command.substring(0, 117) + "..." : command) + ")";
    }

    /** The process's command line with its NUL separators turned into spaces. */
    public static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | SecurityException gone) {
            return "command not readable";
        }
    }
}
