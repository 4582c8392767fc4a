package io.berth.ports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every port a Berth instance can open, with its default at offset 0. This is the only place in
 * the code that holds a port number: everything else asks the catalogue or a {@link PortPlan}.
 * The entries follow WSO2's page "Default Ports of WSO2 Products".
 */
public final class PortCatalogue {

    private static final List<PortDefinition> ALL = List.of(
            new PortDefinition("https", 9443, Set.of(Protocol.TCP),
                    "HTTPS servlet transport; console at https://<host>:<port>/console",
                    null, Feature.SERVLET_TRANSPORTS, "transport.https.properties.port"),
            new PortDefinition("http", 9763, Set.of(Protocol.TCP),
                    "HTTP servlet transport",
                    null, Feature.SERVLET_TRANSPORTS, "transport.http.properties.port"),
            new PortDefinition("jmx-rmi-registry", 11111, Set.of(Protocol.TCP),
                    "JMX: RMI registry (monitor remotely with JConsole)",
                    null, Feature.JMX, "monitoring.jmx.rmi_registry_port"),
            new PortDefinition("jmx-rmi-server", 9999, Set.of(Protocol.TCP),
                    "JMX: RMI server, a set port rather than a random one, so JMX works through a firewall",
                    null, Feature.JMX, "monitoring.jmx.rmi_server_port"),
            new PortDefinition("cluster-multicast", 45564, Set.of(Protocol.UDP),
                    "Cluster membership discovery, scheme multicast",
                    "a multicast group port is shared by every member, so it must not shift",
                    Feature.CLUSTERING_MULTICAST, "clustering.multicast_port"),
            new PortDefinition("cluster-wka", 4000, Set.of(Protocol.TCP),
                    "Cluster member port (Hazelcast); members talk over it under either scheme",
                    null, Feature.CLUSTERING, "clustering.local_member_port"),
            new PortDefinition("kdc", 8000, Set.of(Protocol.TCP, Protocol.UDP),
                    "Kerberos Key Distribution Center (identity-server)",
                    null, Feature.KDC, "kdc.port"),
            new PortDefinition("thrift-entitlement", 10500, Set.of(Protocol.TCP),
                    "Thrift entitlement decision service (identity-server)",
                    null, Feature.THRIFT_ENTITLEMENT, "entitlement.thrift.port"));

    private static final Map<String, PortDefinition> BY_ID = index(ALL);

    private PortCatalogue() {
    }

    /** Every port, in the order every view lists them. */
    public static List<PortDefinition> all() {
        return ALL;
    }

    public static Optional<PortDefinition> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The definition of {@code id}; a programming error if there is none. */
    public static PortDefinition get(String id) {
        PortDefinition definition = BY_ID.get(id);
        if (definition == null) {
            throw new IllegalArgumentException("no port with id '" + id + "' in the catalogue; known: " + BY_ID.keySet());
        }
        return definition;
    }

    private static Map<String, PortDefinition> index(List<PortDefinition> definitions) {
        Map<String, PortDefinition> byId = new LinkedHashMap<>();
        for (PortDefinition definition : definitions) {
            if (byId.put(definition.id(), definition) != null) {
                throw new IllegalStateException("duplicate port id in catalogue: " + definition.id());
            }
        }
        return Map.copyOf(byId);
    }
}
