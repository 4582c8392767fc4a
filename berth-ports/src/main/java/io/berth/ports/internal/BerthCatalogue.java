package io.berth.ports.internal;

import io.berth.ports.Feature;
import io.berth.ports.OffsetRule;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortId;
import io.berth.ports.ProductVersion;
import io.berth.ports.Protocol;
import java.util.List;
import java.util.Set;

/** Berth's own catalogue: the seed pages' ports, with Berth's rules (DESIGN.md section 1). */
public final class BerthCatalogue {

    /** The seed pages, "Default Ports of WSO2 Products" (Carbon 4.x docs and the Identity Server 7 docs). */
    static final String SEED = "https://is.docs.wso2.com/en/latest/references/default-ports-of-wso2-products/";

    private BerthCatalogue() {
    }

    /** Made once, as {@link PortCatalogue#BERTH}. */
    public static PortCatalogue catalogue() {
        return new PortCatalogue("berth", "berth", "Berth", ProductVersion.of("0"), null, "conf/deployment.toml", List.of(
                new PortDefinition(PortId.HTTPS, 9443, Set.of(Protocol.TCP),
                        "HTTPS servlet transport; console at https://<host>:<port>/console",
                        OffsetRule.ADD, Feature.SERVLET_TRANSPORTS, "transport.https.properties.port", SEED),
                new PortDefinition(PortId.HTTP, 9763, Set.of(Protocol.TCP),
                        "HTTP servlet transport",
                        OffsetRule.ADD, Feature.SERVLET_TRANSPORTS, "transport.http.properties.port", SEED),
                new PortDefinition(PortId.JMX_RMI_REGISTRY, 11111, Set.of(Protocol.TCP),
                        "JMX: RMI registry (monitor remotely with JConsole)",
                        OffsetRule.ADD, Feature.JMX, "monitoring.jmx.rmi_registry_port", SEED),
                new PortDefinition(PortId.JMX_RMI_SERVER, 9999, Set.of(Protocol.TCP),
                        "JMX: RMI server, a set port rather than a random one, so JMX works through a firewall",
                        OffsetRule.ADD, Feature.JMX, "monitoring.jmx.rmi_server_port", SEED),
                new PortDefinition(PortId.CLUSTER_MULTICAST, 45564, Set.of(Protocol.UDP),
                        "Cluster membership discovery, scheme multicast",
                        OffsetRule.shared("a multicast group port is shared by every member, so it must not shift"),
                        Feature.CLUSTERING_MULTICAST, "clustering.multicast_port", SEED),
                new PortDefinition(PortId.CLUSTER_MEMBER, 4000, Set.of(Protocol.TCP),
                        "Cluster member port (Hazelcast); members talk over it under every scheme",
                        OffsetRule.ADD, Feature.CLUSTERING, "clustering.local_member_port", SEED),
                new PortDefinition(PortId.KDC, 8000, Set.of(Protocol.TCP, Protocol.UDP),
                        "Kerberos Key Distribution Center (identity-server)",
                        OffsetRule.ADD, Feature.KDC, "kdc.port", SEED),
                new PortDefinition(PortId.THRIFT_ENTITLEMENT, 10500, Set.of(Protocol.TCP),
                        "Thrift entitlement decision service (identity-server)",
                        OffsetRule.ADD, Feature.THRIFT_ENTITLEMENT, "entitlement.thrift.port", SEED)),
                List.of(new PortCatalogue.Toggle(Feature.JMX, "monitoring.jmx.rmi_server_start", true, SEED),
                        new PortCatalogue.Toggle(Feature.KDC, "kdc.enable", true, "DESIGN.md section 1"),
                        new PortCatalogue.Toggle(Feature.THRIFT_ENTITLEMENT, "entitlement.thrift.enable", true,
                                "DESIGN.md section 1")),
                SEED);
    }
}
