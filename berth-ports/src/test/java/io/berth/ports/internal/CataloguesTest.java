package io.berth.ports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.berth.ports.Feature;
import io.berth.ports.Offset;
import io.berth.ports.OffsetRule;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortCollisionException;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortId;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortSettingsException;
import io.berth.ports.ProductVersion;
import io.berth.ports.TakenPorts;
import io.berth.ports.internal.Catalogues;
import io.berth.ports.internal.HostPlanner;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CataloguesTest {

    private static PortLayout defaults(String catalogueId, Feature... extra) {
        PortCatalogue catalogue = Catalogues.byId(catalogueId).orElseThrow();
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.PRODUCT);
        features.addAll(List.of(extra));
        return new PortLayout(catalogue, Map.of(), features);
    }

    private static Map<String, Integer> effective(PortPlan plan) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        plan.enabledPorts().forEach(port -> ports.put(port.id(), port.effective()));
        return ports;
    }

    @Test
    void everyPortCitesItsSourceAndEveryRuleSaysWhy() {
        for (PortCatalogue catalogue : Catalogues.ALL) {
            assertTrue(catalogue.source().startsWith("https://"), catalogue.id());
            for (PortDefinition port : catalogue.ports()) {
                assertTrue(port.source().startsWith("https://"), catalogue.id() + " " + port.id() + ": " + port.source());
                assertTrue(port.rule().kind() == OffsetRule.Kind.ADD || !port.rule().reason().isBlank(), port.id());
            }
        }
    }

    @Test
    void versionRangesOfAProductDoNotOverlapAndFindPicksTheRightOne() {
        assertEquals("wso2is-5.9", Catalogues.find("identity-server", ProductVersion.of("5.9.0")).orElseThrow().id());
        assertEquals("wso2is-5.10", Catalogues.find("identity-server", ProductVersion.of("5.10.0")).orElseThrow().id());
        assertEquals("wso2is-5.10", Catalogues.find("identity-server", ProductVersion.of("5.11.0")).orElseThrow().id());
        assertEquals("wso2is-6", Catalogues.find("identity-server", ProductVersion.of("6.1.0")).orElseThrow().id());
        assertEquals("wso2is-7", Catalogues.find("identity-server", ProductVersion.of("7.0.0")).orElseThrow().id());
        assertEquals("wso2am-3", Catalogues.find("api-manager", ProductVersion.of("3.2.0")).orElseThrow().id());
        assertEquals("wso2am-4", Catalogues.find("api-manager", ProductVersion.of("4.2.0")).orElseThrow().id());
        assertTrue(Catalogues.find("identity-server", ProductVersion.of("5.8.0")).isEmpty());
        for (String product : Catalogues.products()) {
            List<PortCatalogue> lines = Catalogues.ALL.stream().filter(c -> c.product().equals(product)).toList();
            for (int i = 1; i < lines.size(); i++) {
                assertNotNull(lines.get(i - 1).until(), product);
                assertEquals(lines.get(i - 1).until(), lines.get(i).from(), product + ": ranges must meet");
            }
        }
    }

    /** MI's internal offset of 10, and a stated offset replacing it (mi.docs.wso2.com, default product ports). */
    @Test
    void microIntegratorInternalOffsetIsReplacedByAStatedOne() {
        PortLayout mi = defaults("wso2mi");
        assertEquals(Map.of("passthrough-http", 8290, "passthrough-https", 8253, "management-api-https", 9164,
                "management-api-http", 9201), effective(mi.at(Offset.of(0, OffsetSource.DEFAULT))));
        assertEquals(Map.of("passthrough-http", 8283, "passthrough-https", 8246, "management-api-https", 9157,
                "management-api-http", 9194), effective(mi.at(Offset.of(3, OffsetSource.CONFIG))));
        assertEquals(8280, mi.at(Offset.of(0, OffsetSource.SYSTEM_PROPERTY)).effective("passthrough-http"));
    }

    /**
     * SI's offset moves its netty transports (MSF4J 2.7.5 and later) and its Thrift and binary receivers, but not
     * the Siddhi Store API, whose own MSF4J runner binds as written.
     */
    @Test
    void streamingIntegratorOffsetMovesAllButTheStoreApi() {
        PortPlan si = defaults("wso2si").at(Offset.of(1, OffsetSource.CONFIG));
        assertEquals(9091, si.effective(PortId.HTTP));
        assertEquals(9444, si.effective(PortId.HTTPS));
        assertEquals(7070, si.effective("store-api-http"));
        assertEquals(7443, si.effective("store-api-https"));
        assertEquals(7612, si.effective("thrift"));
        assertEquals(9712, si.effective("binary-ssl"));
    }

    /** EI 6's analytics worker (9444 as written) and business-process profile (9445) keep their own offsets. */
    @Test
    void enterpriseIntegratorProfilesFollowTheirOwnOffsets() {
        PortPlan ei = defaults("wso2ei-6").at(Offset.of(5, OffsetSource.SYSTEM_PROPERTY));
        assertEquals(9448, ei.effective(PortId.HTTPS));
        assertEquals(9444, ei.effective("analytics-https"));
        assertEquals(9445, ei.effective("business-process-https"));
        // At offset 1 the integrator's https would land on the analytics profile's 9444.
        assertThrows(PortCollisionException.class, () -> defaults("wso2ei-6").at(Offset.of(1, OffsetSource.CONFIG)));
    }

    /**
     * An instance given first whose ports move steps around a later instance's ports that no offset moves: SI's
     * binary receiver (9611 at offset 0) would otherwise take EI's analytics worker's 9611, leaving EI no way out.
     */
    @Test
    void unmovingPortsOfALaterInstanceAreAvoidedByEarlierOnes() {
        List<PortPlan> plans = HostPlanner.plan(List.of(defaults("wso2si"), defaults("wso2ei-6")), new TakenPorts(),
                (port, protocol) -> true, OffsetSource.OPTION);
        Set<String> si = sockets(plans.get(0));
        si.retainAll(sockets(plans.get(1)));
        assertTrue(si.isEmpty(), "shared: " + si);
        assertEquals(9611, plans.get(1).effective("analytics-binary"));
        assertTrue(plans.get(0).offset().value() > 0);
    }

    /** A WSO2 member port is bound as written; two clustered homes on one host cannot both have 4000. */
    @Test
    void aWso2MemberPortIsNotOffsetAndAPlanRefusesTwoOnOnePort() {
        PortLayout is = defaults("wso2is-7", Feature.CLUSTERING);
        assertEquals(4000, is.at(Offset.of(1, OffsetSource.CONFIG)).effective(PortId.CLUSTER_MEMBER));
        PortSettingsException refused = assertThrows(PortSettingsException.class,
                () -> HostPlanner.plan(List.of(is, is), new TakenPorts(), (port, protocol) -> true, OffsetSource.OPTION));
        assertTrue(refused.getMessage().contains("4000/tcp (cluster-wka)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("[clustering] local_member_port"), refused.getMessage());
    }

    /**
     * Every pair of instances of a four-product plan has disjoint ports per protocol, checked by brute
     * force over every enabled port of every instance, with each product repeated.
     */
    @Test
    void everyPairOfAFourProductPlanHasDisjointPorts() {
        List<PortLayout> products = List.of(
                new PortLayout(Map.of(), EnumSet.allOf(Feature.class)),
                defaults("wso2is-7", Feature.JMX, Feature.KDC, Feature.THRIFT_ENTITLEMENT),
                defaults("wso2am-4", Feature.JMX),
                defaults("wso2mi", Feature.JMX));
        List<PortLayout> layouts = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            layouts.addAll(products);
        }
        List<PortPlan> plans = HostPlanner.plan(layouts, new TakenPorts(), (port, protocol) -> true, OffsetSource.OPTION);
        for (int a = 0; a < plans.size(); a++) {
            for (int b = a + 1; b < plans.size(); b++) {
                Set<String> first = sockets(plans.get(a));
                Set<String> second = sockets(plans.get(b));
                first.retainAll(second);
                assertTrue(first.isEmpty(), "instances " + a + " and " + b + " share " + first);
            }
            assertFalse(plans.get(a).enabledPorts().isEmpty());
        }
    }

    private static Set<String> sockets(PortPlan plan) {
        Set<String> sockets = new HashSet<>();
        for (PlannedPort port : plan.enabledPorts()) {
            if (port.definition().rule().shared()) {
                continue;
            }
            port.definition().protocols().forEach(protocol -> sockets.add(port.effective() + "/" + protocol.wireName()));
        }
        return sockets;
    }
}
