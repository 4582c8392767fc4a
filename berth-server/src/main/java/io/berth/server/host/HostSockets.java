package io.berth.server.host;

import io.berth.ports.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every listening TCP socket and bound UDP socket of this host (this network namespace), each with the
 * process that holds it where the OS tells: one pass over {@code /proc/<pid>/fd} maps socket inodes
 * to processes.
 */
public final class HostSockets {

    /**
     * One socket and its holder.
     *
     * @param pid     the process holding it, or {@code null} when the OS does not say (another user's)
     * @param command that process's command line, or {@code null}
     */
    public record HostSocket(Protocol protocol, String address, int port, Long pid, String command) {
    }

    private HostSockets() {
    }

    public static List<HostSocket> read() {
        Map<Long, Long> pidByInode = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.map(path -> path.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .forEach(pid -> ProcNet.socketInodes(pid).forEach(inode -> pidByInode.putIfAbsent(inode, pid)));
        } catch (IOException | SecurityException notLinux) {
            // No /proc: every socket's holder is unknown.
        }
        List<HostSocket> sockets = new ArrayList<>();
        for (SocketEntry entry : ProcNet.listeners()) {
            Long pid = pidByInode.get(entry.inode());
            sockets.add(new HostSocket(entry.protocol(), entry.address(), entry.port(), pid,
                    pid == null ? null : ProcessIdentity.commandLine(pid)));
        }
        sockets.sort(java.util.Comparator.comparingInt(HostSocket::port).thenComparing(socket -> socket.protocol().name()));
        return sockets;
    }
}
