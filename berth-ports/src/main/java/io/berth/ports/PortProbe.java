package io.berth.ports;

/** Tells whether a port can be bound on this host right now. */
@FunctionalInterface
public interface PortProbe {

    boolean isFree(int port, Protocol protocol);

    /** Whether every protocol of every enabled port of {@code plan} is free. */
    default boolean allFree(PortPlan plan) {
        for (PlannedPort port : plan.enabledPorts()) {
            for (Protocol protocol : port.definition().protocols()) {
                if (!isFree(port.effective(), protocol)) {
                    return false;
                }
            }
        }
        return true;
    }
}
