package io.berth.ports;

import io.berth.ports.internal.HostPlanner;

/**
 * Turns an offset request into an instance's port plan: the one place that tells a stated offset from
 * {@code auto}. A stated offset is planned as it is ({@link PortLayout#at}); {@code auto} takes the lowest
 * offset at which every enabled port is in range, free of {@code taken}, and free by {@code probe}.
 * Probing alone races with other instances starting at the same moment; {@code taken} is where a host-wide
 * reservation (Berth's host registry) says what other instances hold.
 */
public final class PortPlanner {

    private PortPlanner() {
    }

    /**
     * @param taken ports held on the host by other instances; the probe finds the rest. Not changed for a stated
     *              offset; {@code auto} may add to it the ports its probe found in use.
     * @param probe asked about each port {@code auto} would use; a stated offset asks it nothing
     * @throws InvalidOffsetException  when a stated offset pushes an enabled port out of 1..65535, or no offset
     *                                 leaves every enabled port free for {@code auto}
     * @throws PortCollisionException  when a stated offset lands two enabled ports on one number and protocol
     */
    public static PortPlan plan(PortLayout layout, RequestedOffset requested, TakenPorts taken, PortProbe probe) {
        if (requested.auto()) {
            return HostPlanner.lowest(layout, taken, probe, requested.source());
        }
        return layout.at(Offset.of(requested.value(), requested.source()));
    }

    /** {@link #plan(PortLayout, RequestedOffset, TakenPorts, PortProbe)} with nothing known to be taken. */
    public static PortPlan plan(PortLayout layout, RequestedOffset requested, PortProbe probe) {
        return plan(layout, requested, new TakenPorts(), probe);
    }
}
