package io.berth.ports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.berth.ports.Feature;
import io.berth.ports.InvalidOffsetException;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortCollisionException;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortProbe;
import io.berth.ports.Protocol;
import io.berth.ports.TakenPorts;
import io.berth.ports.internal.HostPlanner;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostPlannerTest {

    private static final PortProbe ALL_FREE = (port, protocol) -> true;
    private static final PortLayout SERVLET_ONLY = new PortLayout(Map.of(), EnumSet.of(Feature.SERVLET_TRANSPORTS));
    private static final PortLayout WITH_JMX = new PortLayout(Map.of(), EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX));

    /** Recomputes every enabled port of every plan from the catalogue and fails on any port used twice. */
    private static void assertNoPortUsedTwice(List<PortPlan> plans) {
        Set<String> seen = new HashSet<>();
        for (PortPlan plan : plans) {
            for (PortDefinition definition : PortCatalogue.BERTH.ports()) {
                PlannedPort port = plan.find(definition.id()).orElseThrow();
                if (!port.enabled() || !definition.offsetApplied()) {
                    continue;
                }
                int effective = port.configured() + plan.offset().value();
                for (Protocol protocol : definition.protocols()) {
                    assertTrue(seen.add(protocol + "/" + effective), "port " + effective + "/" + protocol + " used twice");
                }
            }
        }
    }

    @Test
    void theRmiServerOfOffsetZeroIsNotHandedToHttpsAtOffset556() {
        TakenPorts taken = new TakenPorts().takeAll(WITH_JMX.at(Offset.of(0, OffsetSource.CONFIG)));
        List<PortPlan> plans = HostPlanner.plan(Collections.nCopies(600, SERVLET_ONLY), taken, ALL_FREE, OffsetSource.OPTION);
        assertTrue(plans.stream().noneMatch(plan -> plan.offset().value() == 556), "9443 + 556 = 9999 is held by JMX");
        assertTrue(plans.stream().noneMatch(plan -> plan.offset().value() == 0));
        assertTrue(plans.stream().noneMatch(plan -> plan.offset().value() == 320), "9443 + 320 = 9763 is held by http");
    }

    @Test
    void offsetsAreTheLowestThatFitInOrder() {
        List<PortPlan> plans = HostPlanner.plan(List.of(WITH_JMX, WITH_JMX, WITH_JMX), new TakenPorts(), ALL_FREE, OffsetSource.OPTION);
        assertEquals(List.of(0, 1, 2), plans.stream().map(plan -> plan.offset().value()).toList());
        assertTrue(plans.get(0).offset().auto());
    }

    @Test
    void differentProductsShareTheHostWithoutOverlap() {
        PortLayout identity = PortLayout.allDefaults();
        List<PortLayout> layouts = List.of(identity, SERVLET_ONLY, WITH_JMX, identity, SERVLET_ONLY);
        List<PortPlan> plans = HostPlanner.plan(layouts, new TakenPorts(), ALL_FREE, OffsetSource.OPTION);
        assertNoPortUsedTwice(plans);
        assertEquals(0, plans.get(0).offset().value());
    }

    @Test
    void tenThousandServletInstancesAreCollisionFree() {
        List<PortPlan> plans = HostPlanner.plan(Collections.nCopies(10_000, SERVLET_ONLY), new TakenPorts(), ALL_FREE,
                OffsetSource.OPTION);
        assertEquals(10_000, plans.size());
        assertNoPortUsedTwice(plans);
    }

    @Test
    void aPlanThatCannotFitNamesTheInstance() {
        // Six TCP ports each: 10,000 identity servers need 60,000 ports above 8000.
        InvalidOffsetException error = assertThrows(InvalidOffsetException.class, () -> HostPlanner.plan(
                Collections.nCopies(10_000, PortLayout.allDefaults()), new TakenPorts(), ALL_FREE, OffsetSource.OPTION));
        assertTrue(error.getMessage().contains("no offset leaves every enabled port of instance "), error.getMessage());
    }

    @Test
    void portsTheProbeReportsInUseAreSkipped() {
        PortProbe probe = (port, protocol) -> port != 9443 && port != 9444;
        PortPlan plan = HostPlanner.lowest(SERVLET_ONLY, new TakenPorts(), probe, OffsetSource.SYSTEM_PROPERTY);
        assertEquals(2, plan.offset().value());
        assertEquals(OffsetSource.SYSTEM_PROPERTY, plan.offset().source());
    }

    @Test
    void anInstanceWhosePortsAlwaysCollideIsRefusedBeforeAnyPlan() {
        // No offset could fit it: the layout names the two keys rather than the planner reporting "no offset fits".
        PortCollisionException clash = assertThrows(PortCollisionException.class,
                () -> new PortLayout(Map.of("https", 9763), EnumSet.of(Feature.SERVLET_TRANSPORTS)));
        assertTrue(clash.getMessage().contains("at every offset"), clash.getMessage());
    }

    @Test
    void theMulticastGroupPortIsSharedNotPlannedAround() {
        PortLayout multicast = new PortLayout(Map.of(),
                EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.CLUSTERING, Feature.CLUSTERING_MULTICAST));
        List<PortPlan> plans = HostPlanner.plan(List.of(multicast, multicast), new TakenPorts(), ALL_FREE, OffsetSource.OPTION);
        assertEquals(45564, plans.get(1).effective("cluster-multicast"));
        assertEquals(1, plans.get(1).offset().value());
        assertFalse(new TakenPorts().takeAll(plans.get(0)).isTaken(45563, Protocol.UDP));
    }
}
