package io.berth.ports;

import io.berth.ports.internal.PortRange;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * Ports that are not free, one bit per port and protocol. A bit set is what lets a plan of
 * thousands of instances check each candidate port in constant time.
 */
public final class TakenPorts {

    private final Map<Protocol, BitSet> taken = new EnumMap<>(Protocol.class);

    public TakenPorts() {
        for (Protocol protocol : Protocol.values()) {
            taken.put(protocol, new BitSet(PortRange.MAX + 1));
        }
    }

    public boolean isTaken(int port, Protocol protocol) {
        return PortRange.contains(port) && taken.get(protocol).get(port);
    }

    public TakenPorts take(int port, Protocol protocol) {
        if (!PortRange.contains(port)) {
            throw new IllegalArgumentException("port outside " + PortRange.TEXT + ": " + port);
        }
        taken.get(protocol).set(port);
        return this;
    }

    /** Takes every protocol of every enabled port of {@code plan}. */
    public TakenPorts takeAll(PortPlan plan) {
        for (PlannedPort port : plan.enabledPorts()) {
            for (Protocol protocol : port.definition().protocols()) {
                take(port.effective(), protocol);
            }
        }
        return this;
    }

    public int count(Protocol protocol) {
        return taken.get(protocol).cardinality();
    }
}
