package io.berth.server.host;

import io.berth.ports.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads Linux's socket tables ({@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6}) and
 * the socket inodes a process holds. Elsewhere the tables are absent and every answer is empty.
 */
public final class ProcNet {

    private static final Path PROC = Path.of("/proc");
    /** TCP_LISTEN in the kernel's state column. */
    private static final String LISTEN = "0A";

    private ProcNet() {
    }

    /** Every listening TCP socket and every bound UDP socket on the host (in this network namespace). */
    public static List<SocketEntry> listeners() {
        List<SocketEntry> entries = new ArrayList<>();
        read("tcp", Protocol.TCP, entries);
        read("tcp6", Protocol.TCP, entries);
        read("udp", Protocol.UDP, entries);
        read("udp6", Protocol.UDP, entries);
        return entries;
    }

    /**
     * The user id that owns the TCP connection from {@code local} to {@code remote} on this host, as the
     * kernel records it ({@code /proc/net/tcp} and {@code tcp6}, column {@code uid}); empty when no such
     * connection is listed (another network namespace, or not Linux).
     */
    public static java.util.OptionalInt tcpConnectionOwner(java.net.InetSocketAddress local, java.net.InetSocketAddress remote) {
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(PROC.resolve("net").resolve(table));
            } catch (IOException | SecurityException absent) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length >= 10 && matches(columns[1], local) && matches(columns[2], remote)) {
                    return java.util.OptionalInt.of(Integer.parseInt(columns[7]));
                }
            }
        }
        return java.util.OptionalInt.empty();
    }

    private static boolean matches(String column, java.net.InetSocketAddress address) {
        String[] parts = column.split(":");
        try {
            return Integer.parseInt(parts[1], 16) == address.getPort()
                    && InetAddress.getByName(address(parts[0])).equals(address.getAddress());
        } catch (UnknownHostException | RuntimeException unreadable) {
            return false;
        }
    }

    /** The inodes of the sockets {@code pid} holds; empty when the OS does not let us look. */
    public static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | RuntimeException closedMeanwhile) {
                    // The descriptor closed while we listed it: it holds nothing now.
                }
            });
        } catch (IOException | SecurityException notVisible) {
            return Set.of();
        }
        return inodes;
    }

    private static void read(String table, Protocol protocol, List<SocketEntry> entries) {
        List<String> lines;
        try {
            lines = Files.readAllLines(PROC.resolve("net").resolve(table));
        } catch (IOException | SecurityException absent) {
            return;
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 10) {
                continue;
            }
            boolean listening = protocol == Protocol.UDP || columns[3].equals(LISTEN);
            if (!listening) {
                continue;
            }
            String[] local = columns[1].split(":");
            entries.add(new SocketEntry(protocol, address(local[0]), Integer.parseInt(local[1], 16),
                    Long.parseLong(columns[9])));
        }
    }

    /** The kernel writes addresses as hex of 32-bit words in host (little-endian) order. */
    private static String address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException impossible) {
            return hex;
        }
    }
}
