package io.berth.server.host;

import io.berth.ports.PortPlan;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;

/**
 * An instance's entry and claims in the host registry, from the moment its ports are picked until it stops.
 * Closing it removes both and so releases the ports for other starts; closing twice is safe.
 */
public final class Reservation implements Closeable {

    private final HostRegistry registry;
    private final Path file;
    private final PortPlan plan;
    private final List<SocketKey> sockets;
    private HostEntry entry;
    private boolean closed;

    Reservation(HostRegistry registry, Path file, HostEntry entry, PortPlan plan, List<SocketKey> sockets) {
        this.registry = registry;
        this.file = file;
        this.entry = entry;
        this.plan = plan;
        this.sockets = List.copyOf(sockets);
    }

    /** The ports picked for the instance. */
    public PortPlan plan() {
        return plan;
    }

    public synchronized HostEntry entry() {
        return entry;
    }

    /** Records the instance's new state and its console URL ({@code null} to keep the one recorded). */
    public synchronized void update(InstanceState state, String consoleUrl) {
        if (closed) {
            return;
        }
        entry = entry.with(state, consoleUrl == null ? entry.consoleUrl() : consoleUrl);
        registry.write(file, entry);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            registry.release(file, sockets, entry.reservation());
        }
    }
}
