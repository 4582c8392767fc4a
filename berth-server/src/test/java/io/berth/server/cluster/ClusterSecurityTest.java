package io.berth.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.berth.server.report.ClusterReport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rt-02: Hazelcast's member port authenticates nobody. A client cannot use it at all; a rogue member can join,
 * but cannot forge a card, cannot break the views with a malformed one, and shutting the cluster down leaves
 * the instance reporting the cluster as down rather than failing.
 */
class ClusterSecurityTest {

    private static final String HOST = "127.0.0.1";

    @TempDir
    Path home;

    private ClusterEndpoint endpoint;
    private int offset;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
        HazelcastClient.shutdownAll();
        Hazelcast.shutdownAll();
    }

    @Test
    void aHazelcastClientCannotConnectToTheMemberPort() throws Exception {
        start();
        ClientConfig client = new ClientConfig();
        client.setClusterName(ClusterEndpointTest.quick(ClusterSettings.wka(List.of())).domain());
        client.getNetworkConfig().addAddress(HOST + ":" + ClusterEndpointTest.Ports.memberPort(offset));
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3000);
        client.setProperty("hazelcast.logging.type", "none");

        assertThrows(IllegalStateException.class, () -> HazelcastClient.newHazelcastClient(client));
    }

    @Test
    void aRogueMembersForgedAndMalformedCardsAreIgnoredAndReported() throws Exception {
        start();
        HazelcastInstance rogue = rogueMember();
        assertEquals(2, endpoint.memberCount());
        String victim = rogue.getCluster().getMembers().stream()
                .filter(member -> !member.localMember()).findFirst().orElseThrow().getUuid().toString();
        Map<String, HashMap<String, String>> directory = rogue.getReplicatedMap(PortDirectory.MAP_NAME);

        HashMap<String, String> forged = new HashMap<>(Map.of("host", "203.0.113.66", "home", "/forged/by/rogue",
                "offset", "7", "ports", "{\"offset\":7}", "mac", "AAAA"));
        directory.put(victim, forged);
        HashMap<String, String> malformed = new HashMap<>(Map.of("host", "x", "home", "x", "offset", "not-a-number", "ports", "{"));
        directory.put(rogue.getCluster().getLocalMember().getUuid().toString(), malformed);

        ClusterReport report = awaitRejected(2);
        assertEquals("up", report.state());
        assertTrue(report.members().stream().noneMatch(member -> member.home().equals("/forged/by/rogue")), report.toString());
        assertTrue(report.rejected().stream().allMatch(rejected -> rejected.reason().contains("signature does not verify")),
                report.toString());
    }

    @Test
    void aMemberThatShutsTheClusterDownLeavesThisInstanceReportingItDown() throws Exception {
        start();
        HazelcastInstance rogue = rogueMember();

        shutDownTheCluster(rogue);

        ClusterReport report = endpoint.report();
        assertEquals("down", report.state());
        assertEquals(0, report.memberCount());
        assertEquals(List.of(), report.members());
    }

    private void start() throws Exception {
        offset = io.berth.server.endpoint.FreePorts.offsetWhere(ClusterEndpoint.WKA_PORT_ID, 2);
        endpoint = new ClusterEndpoint(ClusterEndpointTest.quick(ClusterSettings.wka(List.of())), ClusterEndpointTest.SECRET,
                offset, () -> "{\"offset\":" + offset + "}");
        endpoint.start(io.berth.server.endpoint.TestPreflight.atOffset(HOST, offset, home, endpoint.portIds()));
    }

    /** A plain Hazelcast member with this cluster's name and none of its secret. */
    private HazelcastInstance rogueMember() {
        Config config = new Config();
        config.setClusterName(ClusterEndpointTest.quick(ClusterSettings.wka(List.of())).domain());
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(ClusterEndpointTest.Ports.memberPort(offset) + 1).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(HOST);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(HOST + ":" + ClusterEndpointTest.Ports.memberPort(offset));
        return Hazelcast.newHazelcastInstance(config);
    }

    /** As an attacker would: Hazelcast refuses while partitions migrate after the join, so try until it takes. */
    private static void shutDownTheCluster(HazelcastInstance rogue) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                rogue.getCluster().shutdown();
                return;
            } catch (IllegalStateException migrating) {
                if (attempt == 100) {
                    throw migrating;
                }
                Thread.sleep(200);
            }
        }
    }

    private ClusterReport awaitRejected(int count) throws InterruptedException {
        ClusterReport report = endpoint.report();
        for (int i = 0; i < 100 && report.rejected().size() < count; i++) {
            Thread.sleep(100);
            report = endpoint.report();
        }
        assertEquals(count, report.rejected().size(), report.toString());
        return report;
    }
}
