package io.berth.cli;

import io.berth.ports.TakenPorts;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.ProcNet;
import io.berth.server.host.SocketEntry;
import io.berth.server.host.SocketKey;
import java.util.Set;

/**
 * The ports in use on this host now for an instance binding {@code addresses}: listeners the kernel lists and
 * claims in the host registry, each only where its socket overlaps one of those addresses.
 */
final class HostPorts {

    /** What a command that does not know where the instance will bind assumes: the wildcard, which overlaps every socket. */
    static final Set<String> EVERY_ADDRESS = Set.of("0.0.0.0");

    private HostPorts() {
    }

    static TakenPorts taken(HostRegistry registry, Set<String> addresses) {
        TakenPorts taken = registry.taken(addresses);
        for (SocketEntry socket : ProcNet.listeners()) {
            SocketKey listening = new SocketKey(socket.protocol(), socket.port(), socket.address());
            if (addresses.stream().anyMatch(address -> listening.overlaps(new SocketKey(socket.protocol(), socket.port(), address)))) {
                taken.take(socket.port(), socket.protocol());
            }
        }
        return taken;
    }
}
