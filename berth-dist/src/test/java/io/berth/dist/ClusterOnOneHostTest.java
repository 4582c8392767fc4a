package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ports.PortPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances on one host at the offsets {@code auto} gives them, scheme wka, each naming the
 * members started before it by their member port (4000 + offset): one cluster of three, whose directory
 * every member serves. Then one member is killed with {@code kill -9} and the others forget it; one
 * more stops politely and the last one standing forgets it too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOnOneHostTest {

    private static final String HOST = "127.0.0.1";
    private static final Duration FORM = Duration.ofSeconds(90);

    private final List<TestServer> instances = new ArrayList<>();
    private final Map<String, PortPlan> expected = new LinkedHashMap<>();
    private final Map<String, String> homes = new LinkedHashMap<>();

    @BeforeAll
    void startThreeMembers(@TempDir Path dir) throws Exception {
        String domain = "berth-it-wka-" + ProcessHandle.current().pid();
        // One after the other: each joins the cluster the earlier ones formed, never a split pair.
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String clustering = """
                    membership_scheme = "wka"
                    members = %s
                    domain = "%s"
                    """.formatted(Clusters.array(earlier), domain);
            TestServer instance = TestServer.start(TestHome.copyOfDistribution(dir, "member-" + i)
                    .config(Clusters.config(HOST, true, clustering)));
            instances.add(instance);
            int offset = instance.offset();
            earlier.add(HOST + ":" + instance.port("cluster-wka"));
            expected.put(key(instance), Clusters.expected(offset, Clusters.CARBON_WKA));
            homes.put(key(instance), instance.home().toString());
        }
        for (TestServer instance : instances) {
            instance.await("a cluster of three", () -> instance.getJson("/api/cluster"),
                    cluster -> cluster.get("memberCount").asInt() == 3 && cluster.get("members").size() == 3, FORM);
        }
    }

    private static String key(TestServer instance) throws InterruptedException {
        return HOST + "+" + instance.offset();
    }

    @AfterAll
    void stopAll() {
        instances.forEach(TestServer::close);
    }

    /**
     * A member started by bin/berth.sh has Hazelcast's module options (conf/cluster.options, which the launcher adds
     * for a configuration naming a membership scheme), and so no warning about them.
     */
    @Test
    @Order(0)
    void membersRunWithHazelcastsModuleOptionsAndWithoutItsWarning() throws Exception {
        for (TestServer instance : instances) {
            long pid = instance.runtimeRecord().get("pid").asLong();
            String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            // The JVM reads them from conf/cluster.options (a java @argument file, which /proc shows unexpanded).
            Path options = instance.home().resolve("conf/cluster.options");
            assertTrue(commandLine.contains("@" + options + " "), commandLine);
            assertTrue(Files.readAllLines(options).stream().anyMatch(line -> line.strip().equals("--add-opens java.base/java.lang=ALL-UNNAMED")),
                    Files.readString(options));
            assertFalse(instance.output().contains("without proper access"), instance.output());
        }
    }

    @Test
    @Order(1)
    void everyMemberServesTheWholeDirectoryWithEachMembersEffectivePorts() throws Exception {
        for (TestServer instance : instances) {
            Clusters.assertDirectory(instance.getJson("/api/cluster"), expected, homes);
        }
    }

    @Test
    @Order(2)
    void statusClusterPrintsThreeMembers() throws Exception {
        CommandResult status = instances.get(0).home().berth("status", "--cluster");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("Cluster: 3 member(s), scheme wka"), status.out());
        String table = status.out().substring(status.out().indexOf("Cluster: "));
        for (TestServer instance : instances) {
            int offset = instance.offset();
            PortPlan plan = Clusters.expected(offset, Clusters.CARBON_WKA);
            String row = table.lines().filter(line -> line.contains(instance.home().toString())).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + instance.home() + " in\n" + status.out()));
            assertTrue(row.matches(HOST.replace(".", "\\.") + "\\s+" + offset + "\\s+.*"), row);
            assertTrue(row.contains("https=" + plan.effective("https")), row);
            assertTrue(row.contains("cluster-wka=" + plan.effective("cluster-wka")), row);
            assertTrue(row.contains("jmx-rmi-registry=" + plan.effective("jmx-rmi-registry")), row);
        }
        assertEquals(3, table.lines().filter(line -> line.startsWith(HOST)).count(), status.out());
    }

    @Test
    @Order(3)
    void jmxCountsThreeMembers() throws Exception {
        for (TestServer instance : instances) {
            JMXServiceURL url = new JMXServiceURL(instance.jmxServiceUrl());
            try (JMXConnector connector = JMXConnectorFactory.connect(url, JmxClient.environment(instance.home()))) {
                MBeanServerConnection connection = connector.getMBeanServerConnection();
                assertEquals(3, connection.getAttribute(new ObjectName("berth:type=Ports"), "ClusterMemberCount"), url.toString());
            }
        }
    }

    @Test
    @Order(4)
    void killedMemberIsDroppedByTheOthers() throws Exception {
        TestServer victim = instances.get(2);
        String victimKey = key(victim);
        victim.kill();
        assertFalse(victim.alive());
        Map<String, PortPlan> survivors = new LinkedHashMap<>(expected);
        survivors.remove(victimKey);
        // failure_timeout_seconds = 5: well within the bound, which only keeps a broken run from hanging.
        for (TestServer instance : instances.subList(0, 2)) {
            JsonNode cluster = instance.await(victimKey + " dropped", () -> instance.getJson("/api/cluster"),
                    view -> view.get("memberCount").asInt() == 2 && view.get("members").size() == 2, Duration.ofSeconds(60));
            Clusters.assertDirectory(cluster, survivors, homes);
        }
    }

    @Test
    @Order(5)
    void aMemberThatStopsPolitelyWithdrawsItsCard() throws Exception {
        TestServer leaving = instances.get(1);
        String leavingKey = key(leaving);
        CommandResult stop = leaving.home().berth("stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        leaving.awaitExit();
        Map<String, PortPlan> last = new LinkedHashMap<>(expected);
        last.remove(leavingKey);
        last.remove(key(instances.get(2)));
        TestServer remaining = instances.get(0);
        JsonNode cluster = remaining.await(leavingKey + " gone", () -> remaining.getJson("/api/cluster"),
                view -> view.get("memberCount").asInt() == 1 && view.get("members").size() == 1, Duration.ofSeconds(60));
        Clusters.assertDirectory(cluster, last, homes);
    }
}
