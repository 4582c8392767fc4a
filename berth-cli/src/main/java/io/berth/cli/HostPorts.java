package io.berth.cli;

import io.berth.ports.TakenPorts;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.ProcNet;
import io.berth.server.host.SocketEntry;

/** The ports in use on this host now: listeners the kernel lists, and everything the host registry holds or reserved. */
final class HostPorts {

    private HostPorts() {
    }

    static TakenPorts taken(HostRegistry registry) {
        TakenPorts taken = registry.taken(registry.entries(), null);
        for (SocketEntry socket : ProcNet.listeners()) {
            taken.take(socket.port(), socket.protocol());
        }
        return taken;
    }
}
