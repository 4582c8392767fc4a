package io.berth.ports;

import java.util.List;
import java.util.Optional;

/**
 * An instance's ports at one offset: the table every view shows and every endpoint takes its port
 * from. Made by {@link PortLayout#at}, which has already checked it.
 */
public record PortPlan(Offset offset, List<PlannedPort> ports) {

    public PortPlan {
        ports = List.copyOf(ports);
    }

    public List<PlannedPort> enabledPorts() {
        return ports.stream().filter(PlannedPort::enabled).toList();
    }

    public Optional<PlannedPort> find(String id) {
        return ports.stream().filter(port -> port.id().equals(id)).findFirst();
    }

    /** The effective port of an enabled port; asking for a disabled or unknown one is a programming error. */
    public int effective(String id) {
        PlannedPort port = find(id).orElseThrow(() -> new IllegalArgumentException("no port with id '" + id + "'"));
        if (!port.enabled()) {
            throw new IllegalStateException("port " + id + " is not enabled in this instance");
        }
        return port.effective();
    }
}
