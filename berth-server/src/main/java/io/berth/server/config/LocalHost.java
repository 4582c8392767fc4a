package io.berth.server.config;

import io.berth.ports.HostPort;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a wildcard-bound port advertises: a name or address of this machine that a remote client can dial.
 * A wildcard itself never is one ({@code https://0.0.0.0:9443} reaches only the client's own host).
 */
public final class LocalHost {

    private LocalHost() {
    }

    /**
     * The machine's host name when it resolves to one of this host's non-loopback addresses (names read
     * better and match certificates); else the first non-loopback, non-link-local address of an interface
     * that is up, of the wildcard's family first ({@code 0.0.0.0}: IPv4, {@code ::}: IPv6, then either);
     * else {@code localhost}, when the machine has no other address at all.
     */
    public static String advertisable(boolean preferIpv4) {
        List<InetAddress> candidates = nonLoopbackAddresses();
        try {
            InetAddress self = InetAddress.getLocalHost();
            String name = self.getHostName();
            for (InetAddress address : InetAddress.getAllByName(name)) {
                if (candidates.contains(address)) {
                    return name;
                }
            }
        } catch (UnknownHostException e) {
            // The machine's name does not resolve: fall back to an address.
        }
        for (boolean ipv4 : new boolean[] {preferIpv4, !preferIpv4}) {
            for (InetAddress address : candidates) {
                if ((address instanceof Inet4Address) == ipv4) {
                    return HostPort.literal(address);
                }
            }
        }
        return "localhost";
    }

    private static List<InetAddress> nonLoopbackAddresses() {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
                        continue;
                    }
                    // Without the scope id a global IPv6 address prints as clients dial it.
                    found.add(address instanceof Inet6Address v6 ? stripScope(v6) : address);
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return found;
    }

    private static InetAddress stripScope(Inet6Address address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException impossible) {
            return address;
        }
    }
}
