package io.berth.server.host;

import io.berth.ports.PortPlan;
import java.io.Closeable;
import java.nio.file.Path;

/**
 * An instance's entry in the host registry, from the moment its ports are picked until it stops.
 * Closing it removes the entry and so releases the ports for other starts; closing twice is safe.
 */
public final class Reservation implements Closeable {

    private final HostRegistry registry;
    private final Path file;
    private final PortPlan plan;
    private HostEntry entry;
    private boolean closed;

    Reservation(HostRegistry registry, Path file, HostEntry entry, PortPlan plan) {
        this.registry = registry;
        this.file = file;
        this.entry = entry;
        this.plan = plan;
    }

    /** The ports picked for the instance. */
    public PortPlan plan() {
        return plan;
    }

    public synchronized HostEntry entry() {
        return entry;
    }

    /** Records the instance's new state ({@code running}, {@code stopping}) and its console URL. */
    public synchronized void update(String state, String consoleUrl) {
        if (closed) {
            return;
        }
        entry = entry.with(state, consoleUrl);
        registry.write(file, entry);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            HostRegistry.deleteQuietly(file);
        }
    }
}
