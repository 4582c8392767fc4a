package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ports.Feature;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the cluster process tests expect, computed from the port catalogue rather than written down. */
final class Clusters {

    /** The features of a {@code product = "carbon"} instance with JMX and a cluster member. */
    static final Set<Feature> CARBON_WKA = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX, Feature.CLUSTERING);

    private Clusters() {
    }

    /** The port plan of an instance with every port at its default, at {@code offset}. */
    static PortPlan expected(int offset, Set<Feature> features) {
        return new PortLayout(Map.of(), features).at(Offset.of(offset, OffsetSource.CONFIG));
    }

    /** A TOML array of strings. */
    static String array(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** The {@code [clustering] secret} line every member of a test cluster shares: cards signed otherwise are ignored. */
    static final String SECRET = "secret = \"berth-process-test-cluster-secret\"";

    /**
     * A carbon instance (no KDC, no Thrift: lighter) in a cluster, with fast failure detection; its
     * offset comes from the start ({@code auto} unless the test states one).
     *
     * @param clustering the {@code [clustering]} lines besides heartbeat and failure timeout
     */
    static String config(String host, boolean jmx, String clustering) {
        return """
                [server]
                hostname = "%s"
                product = "carbon"

                [monitoring.jmx]
                rmi_server_start = %s

                [clustering]
                %s
                %s
                heartbeat_interval_seconds = 1
                failure_timeout_seconds = 5
                """.formatted(host, jmx, clustering.strip(), SECRET);
    }

    /**
     * Two members at offset 0, {@code a} on {@code net}'s host a and {@code b} on host b, as each sees the
     * cluster: waits (at most 90 s each) until both list two members, and asserts each one's directory.
     *
     * @return the answer of each ({@code a}'s first), for what a scheme adds
     */
    static PairAcrossHosts awaitPairAcrossHosts(NetNamespaces net, TestServer a, TestServer b, Set<Feature> features, String what)
            throws Exception {
        PortPlan atZero = expected(0, features);
        String keyA = net.a().address() + "+0";
        String keyB = net.b().address() + "+0";
        Map<String, PortPlan> both = new java.util.LinkedHashMap<>();
        both.put(keyA, atZero);
        both.put(keyB, atZero);
        Map<String, String> homes = Map.of(keyA, a.home().toString(), keyB, b.home().toString());
        List<JsonNode> views = new java.util.ArrayList<>();
        for (TestServer instance : List.of(a, b)) {
            assertEquals(atZero.effective("https"), instance.port("https"));
            JsonNode cluster = instance.await(what, () -> instance.getJson("/api/cluster"),
                    view -> view.get("memberCount").asInt() == 2 && view.get("members").size() == 2,
                    java.time.Duration.ofSeconds(90));
            assertDirectory(cluster, both, homes);
            views.add(cluster);
        }
        return new PairAcrossHosts(atZero, keyA, keyB, homes, views);
    }

    /** What {@link #awaitPairAcrossHosts} found: the plan at 0, the "host+0" keys, the homes by key, each view. */
    record PairAcrossHosts(PortPlan atZero, String keyA, String keyB, Map<String, String> homes, List<JsonNode> views) {
    }

    /**
     * Asserts that {@code cluster} (an {@code /api/cluster} answer) lists exactly the members
     * {@code expected} names by "host+offset", each with the port table of its plan.
     */
    static void assertDirectory(JsonNode cluster, Map<String, PortPlan> expected, Map<String, String> homes) {
        assertEquals(expected.size(), cluster.get("memberCount").asInt(), cluster.toString());
        Map<String, JsonNode> members = new TreeMap<>();
        cluster.get("members").forEach(member -> members.put(member.get("host").asText() + "+" + member.get("offset").asInt(), member));
        assertEquals(new TreeMap<>(expected).keySet(), members.keySet(), "members of " + cluster);
        expected.forEach((key, plan) -> {
            JsonNode member = members.get(key);
            if (homes.containsKey(key)) {
                assertEquals(homes.get(key), member.get("home").asText(), key);
            }
            JsonNode ports = member.get("ports");
            assertEquals(plan.offset().value(), ports.get("offset").asInt(), key);
            Map<String, JsonNode> byId = new TreeMap<>();
            ports.get("ports").forEach(port -> byId.put(port.get("id").asText(), port));
            assertEquals(plan.ports().stream().map(PlannedPort::id).collect(Collectors.toCollection(java.util.TreeSet::new)),
                    byId.keySet(), key + ": port ids");
            for (PlannedPort port : plan.ports()) {
                JsonNode shown = byId.get(port.id());
                assertEquals(port.effective(), shown.get("effective").asInt(), key + ": effective port of " + port.id());
                assertEquals(port.enabled(), shown.get("enabled").asBoolean(), key + ": whether " + port.id() + " is enabled");
                if (port.enabled()) {
                    // Where the other members and clients dial it: the member's host and the effective port.
                    assertEquals(member.get("host").asText() + ":" + port.effective(), shown.get("advertised").asText(),
                            key + ": advertised address of " + port.id());
                }
            }
        });
    }
}
