package io.berth.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortLayoutTest {

    private static PortPlan allAt(int offset) {
        return PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.OPTION));
    }

    @Test
    void offsetThreeMovesEveryOffsetPortAndNotTheMulticastGroupPort() {
        PortPlan plan = allAt(3);
        assertEquals(9446, plan.effective("https"));
        assertEquals(9766, plan.effective("http"));
        assertEquals(11114, plan.effective("jmx-rmi-registry"));
        assertEquals(10002, plan.effective("jmx-rmi-server"));
        assertEquals(4003, plan.effective("cluster-wka"));
        assertEquals(45564, plan.effective("cluster-multicast"));
        assertEquals(8003, plan.effective("kdc"));
        assertEquals(10503, plan.effective("thrift-entitlement"));
    }

    @Test
    void offsetPushingTheRmiRegistryPastTheTopIsRejectedNamingThePort() {
        InvalidOffsetException error = assertThrows(InvalidOffsetException.class, () -> allAt(54425));
        assertEquals("Invalid port offset '54425' from option --port-offset: it pushes jmx-rmi-registry to 65536, past 65535",
                error.getMessage());
    }

    @Test
    void highestOffsetThatFitsIsAccepted() {
        assertEquals(65535, allAt(54424).effective("jmx-rmi-registry"));
    }

    @Test
    void disabledPortsDoNotLimitTheOffset() {
        PortLayout servletOnly = new PortLayout(Map.of(), EnumSet.of(Feature.SERVLET_TRANSPORTS));
        PortPlan plan = servletOnly.at(Offset.of(55000, OffsetSource.CONFIG));
        assertEquals(64443, plan.effective("https"));
        assertFalse(plan.find("jmx-rmi-registry").orElseThrow().enabled());
    }

    @Test
    void configuredPortReplacesTheDefaultAndStillMoves() {
        PortLayout layout = new PortLayout(Map.of("https", 8443), Set.of(Feature.SERVLET_TRANSPORTS));
        PlannedPort https = layout.at(Offset.of(2, OffsetSource.CONFIG)).find("https").orElseThrow();
        assertEquals(8443, https.configured());
        assertEquals(8445, https.effective());
        assertTrue(https.overridden());
    }

    @Test
    void configuredPortOutOfRangeNamesTheKey() {
        PortSettingsException error = assertThrows(PortSettingsException.class,
                () -> new PortLayout(Map.of("https", 70000), Set.of()));
        assertEquals("[transport.https.properties] port must be 1..65535 (was 70000)", error.getMessage());
    }

    @Test
    void twoPortsConfiguredToOneNumberCollideWhenTheLayoutIsMadeWhateverTheOffset() {
        // Both move by +offset from 9443, so they meet at every offset: refused before any offset is known.
        PortCollisionException error = assertThrows(PortCollisionException.class,
                () -> new PortLayout(Map.of("http", 9443), Set.of(Feature.SERVLET_TRANSPORTS)));
        assertEquals("Ports https ([transport.https.properties] port at its default 9443) and http"
                + " ([transport.http.properties] port set to 9443) would both listen on 9443 at offset 0, and on one port"
                + " at every offset; give one of them another port", error.getMessage());
    }

    @Test
    void portsOnOneBaseCollideOnlyWhenBothAreOpen() {
        // Thrift on JMX's registry port: no collision while JMX is off.
        Map<String, Integer> thriftOnJmx = Map.of(PortId.THRIFT_ENTITLEMENT, 11111);
        assertEquals(11114, new PortLayout(thriftOnJmx, EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.THRIFT_ENTITLEMENT))
                .at(Offset.of(3, OffsetSource.OPTION)).effective(PortId.THRIFT_ENTITLEMENT));
        assertThrows(PortCollisionException.class, () -> new PortLayout(thriftOnJmx,
                EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.THRIFT_ENTITLEMENT, Feature.JMX)));
    }

    @Test
    void anOffsetThatLandsAMovingPortOnAFixedOneCollides() {
        // kdc (tcp+udp) 8000 + 37564 = 45564, the fixed multicast group port (udp).
        assertThrows(PortCollisionException.class, () -> allAt(37564));
        // cluster-wka 4000 + 41564 = 45564 too, but over tcp: no collision with a udp port.
        assertEquals(45564, allAt(41564).effective("cluster-wka"));
    }

    @Test
    void autoSkipsTakenOffsets() {
        PortLayout servletOnly = new PortLayout(Map.of(), EnumSet.of(Feature.SERVLET_TRANSPORTS));
        // Pretend offsets 0 and 1 are taken: their https port is held.
        PortProbe probe = (port, protocol) -> port != 9443 && port != 9444;
        RequestedOffset auto = new RequestedOffset(OffsetSource.SYSTEM_PROPERTY, true, 0);
        PortPlan plan = PortPlanner.plan(servletOnly, auto, probe);
        assertEquals(2, plan.offset().value());
        assertTrue(plan.offset().auto());
        assertEquals(OffsetSource.SYSTEM_PROPERTY, plan.offset().source());
    }

    @Test
    void autoWithNothingFreeIsAnError() {
        RequestedOffset auto = new RequestedOffset(OffsetSource.CONFIG, true, 0);
        InvalidOffsetException error = assertThrows(InvalidOffsetException.class,
                () -> PortPlanner.plan(PortLayout.allDefaults(), auto, (port, protocol) -> false));
        assertTrue(error.getMessage().contains("'auto'"), error.getMessage());
    }
}
