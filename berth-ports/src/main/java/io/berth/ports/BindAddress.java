package io.berth.ports;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a port listens (WildFly: a socket binding's interface): every address a name resolves to, one
 * literal, or the wildcard. A name with several addresses ({@code localhost} as 127.0.0.1 and ::1) binds
 * all of them, so no other process can hold the port on the one Berth left out.
 *
 * @param name      as configured: {@code localhost}, {@code 127.0.0.2}, {@code ::}, {@code 0.0.0.0}
 * @param addresses what is bound, in resolution order, without duplicates; one wildcard address for a wildcard
 */
public record BindAddress(String name, List<InetAddress> addresses) {

    public BindAddress {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(new LinkedHashSet<>(addresses));
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("bind address '" + name + "' has no address");
        }
    }

    /**
     * Resolves {@code name}: {@code 0.0.0.0}, {@code ::} and {@code *} are the wildcard; a name gives every
     * address it resolves to.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    public static BindAddress resolve(String name) throws UnknownHostException {
        String trimmed = name.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (isWildcard(trimmed)) {
            return new BindAddress(trimmed, List.of(InetAddress.getByName("*".equals(trimmed) ? "0.0.0.0" : trimmed)));
        }
        return new BindAddress(trimmed, List.of(InetAddress.getAllByName(trimmed)));
    }

    /** Whether {@code host} names every interface: {@code 0.0.0.0}, {@code ::} (in any spelling) or {@code *}. */
    public static boolean isWildcard(String host) {
        String bare = host.trim().replace("[", "").replace("]", "");
        if ("*".equals(bare)) {
            return true;
        }
        if (!bare.matches("[0-9A-Fa-f:.]+")) {
            return false; // a name: never resolved here, and never the wildcard
        }
        try {
            return InetAddress.getByName(bare).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether this binds every interface. The JDK binds {@code 0.0.0.0} as {@code ::} where IPv6 is available,
     * so both are the dual-stack wildcard.
     */
    public boolean wildcard() {
        return addresses.get(0).isAnyLocalAddress();
    }

    /** Whether a socket on this and one on {@code other}, same port and protocol, would collide: a wildcard meets all. */
    public boolean overlaps(BindAddress other) {
        if (wildcard() || other.wildcard()) {
            return true;
        }
        for (InetAddress address : addresses) {
            if (other.addresses.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An address a client on this host dials to reach the port: the first bound address, or the loopback
     * address for a wildcard.
     */
    public InetAddress localDial() {
        return wildcard() ? InetAddress.getLoopbackAddress() : addresses.get(0);
    }

    /** Only the IPv4 addresses, or only the IPv6 ones, for a library that binds one family. */
    public List<InetAddress> family(boolean ipv4) {
        List<InetAddress> matching = new ArrayList<>();
        for (InetAddress address : addresses) {
            if ((address instanceof Inet4Address) == ipv4) {
                matching.add(address);
            }
        }
        return matching;
    }

    /** {@code 127.0.0.1, ::1}, as messages list what is bound. */
    public String addressText() {
        Set<String> texts = new LinkedHashSet<>();
        addresses.forEach(address -> texts.add(HostPort.literal(address)));
        return String.join(", ", texts);
    }

    @Override
    public String toString() {
        String text = addressText();
        return text.equals(name) ? name : name + " (" + text + ")";
    }
}
