package io.berth.server.host;

import io.berth.ports.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One socket as the kernel tells sockets apart: protocol, port and local address. Two sockets collide only
 * when they overlap: same protocol, same port, and the same address or a wildcard on either side
 * ({@code 0.0.0.0} or {@code ::} takes the port on every address). So two instances at one offset on
 * 127.0.0.2 and 127.0.0.3 do not collide, and one on {@code 0.0.0.0} collides with both.
 *
 * @param address a numeric address as {@link InetAddress#getHostAddress()} writes it ({@code 127.0.0.1},
 *                {@code 0:0:0:0:0:0:0:1}, {@code 0.0.0.0})
 */
public record SocketKey(Protocol protocol, int port, String address) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public static SocketKey of(Protocol protocol, int port, InetAddress address) {
        return new SocketKey(protocol, port, address.getHostAddress());
    }

    /** Whether binding one would fail, or steal traffic, while the other is bound. */
    public boolean overlaps(SocketKey other) {
        return protocol == other.protocol && port == other.port
                && (isWildcard() || other.isWildcard() || sameAddress(other));
    }

    public boolean isWildcard() {
        InetAddress parsed = parse(address);
        return parsed != null && parsed.isAnyLocalAddress();
    }

    private boolean sameAddress(SocketKey other) {
        InetAddress mine = parse(address);
        InetAddress theirs = parse(other.address);
        return mine != null && theirs != null ? mine.equals(theirs) : address.equals(other.address);
    }

    /** A numeric address back to an {@link InetAddress}, never asking a name service; {@code null} if it is not one. */
    private static InetAddress parse(String numeric) {
        boolean ipv4 = IPV4.matcher(numeric).matches();
        if (!ipv4 && !numeric.contains(":")) {
            return null;
        }
        try {
            // A dotted quad, or anything in brackets, is parsed as a literal and never looked up in a name service.
            return InetAddress.getByName(ipv4 ? numeric : "[" + numeric + "]");
        } catch (UnknownHostException | SecurityException notNumeric) {
            return null;
        }
    }

    /** {@code 9443/tcp on 127.0.0.1}, as messages name a socket. */
    public String describe() {
        return port + "/" + protocol.wireName() + " on " + (isWildcard() ? "every address (" + address + ")" : address);
    }
}
