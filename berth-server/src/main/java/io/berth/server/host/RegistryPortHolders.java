package io.berth.server.host;

import io.berth.ports.Protocol;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Names who holds a port, asking the host registry first, so a Berth instance is named by home and
 * offset even when {@code /proc} does not show its process; else as {@link PortHolders} tells.
 */
public final class RegistryPortHolders {

    private final HostRegistry registry;
    private final PortHolders processes;

    public RegistryPortHolders(HostRegistry registry) {
        this.registry = registry;
        this.processes = new PortHolders(home -> registry.entries().stream()
                .filter(entry -> Path.of(entry.home()).equals(home))
                .map(HostEntry::offset)
                .findFirst());
    }

    /** The Berth instance holding or reserving the port, if any. */
    public Optional<HostEntry> berthHolder(int port, Protocol protocol) {
        return registry.holder(port, protocol);
    }

    public String describe(int port, Protocol protocol) {
        return berthHolder(port, protocol).map(HostEntry::describe).orElseGet(() -> processes.describe(port, protocol));
    }
}
