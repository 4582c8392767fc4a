package io.berth.ports;

/**
 * Picks the lowest offset at which every enabled port of a layout lies in range and is free.
 * Probing alone races with other instances starting at the same moment; a host-wide reservation
 * on top of this is the host registry's job.
 */
public final class PortPlanner {

    private PortPlanner() {
    }

    /**
     * @param requested the {@code auto} request, for its source
     * @throws InvalidOffsetException when no offset leaves every enabled port free and in range
     */
    public static PortPlan lowestFree(PortLayout layout, RequestedOffset requested, PortProbe probe) {
        for (int value = 0; value <= PortRange.MAX; value++) {
            PortPlan plan;
            try {
                plan = layout.at(new Offset(value, requested.source(), true));
            } catch (InvalidOffsetException outOfRange) {
                break;
            } catch (PortCollisionException collision) {
                continue;
            }
            if (probe.allFree(plan)) {
                return plan;
            }
        }
        throw new InvalidOffsetException(requested.source(), "auto", "no offset leaves every enabled port free on this host");
    }

    /** The plan for a request: the stated offset, or the lowest free one for {@code auto}. */
    public static PortPlan plan(PortLayout layout, RequestedOffset requested, PortProbe probe) {
        if (requested.auto()) {
            return lowestFree(layout, requested, probe);
        }
        return layout.at(Offset.of(requested.value(), requested.source()));
    }
}
