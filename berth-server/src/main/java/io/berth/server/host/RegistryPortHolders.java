package io.berth.server.host;

import io.berth.ports.Protocol;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Names who holds a port, asking the host registry first, so a Berth instance is named by home and offset
 * even when {@code /proc} does not show its process (another user's, or one still starting); else as
 * {@link PortHolders} tells from the kernel.
 */
public final class RegistryPortHolders {

    private final HostRegistry registry;
    private final String except;
    private final PortHolders processes;

    public RegistryPortHolders(HostRegistry registry) {
        this(registry, null);
    }

    /** @param except the asking instance's own reservation, which is never the holder it looks for */
    public RegistryPortHolders(HostRegistry registry, String except) {
        this.registry = registry;
        this.except = except;
        this.processes = new PortHolders(home -> registry.entries().stream()
                .filter(entry -> Path.of(entry.home()).equals(home))
                .map(HostEntry::offset)
                .findFirst());
    }

    /** The Berth instance, other than the asking one, that holds or has claimed a socket overlapping this one. */
    public Optional<String> berthHolder(int port, Protocol protocol, InetAddress address) {
        SocketKey socket = SocketKey.of(protocol, port, address);
        return registry.holder(socket, except);
    }

    public String describe(int port, Protocol protocol, InetAddress address) {
        String kernel = processes.describe(port, protocol);
        // This very process is never "another Berth instance": the kernel's answer (which option opened it) wins.
        if (kernel.startsWith(PortHolders.THIS_PROCESS)) {
            return kernel;
        }
        return berthHolder(port, protocol, address).orElse(kernel);
    }
}
