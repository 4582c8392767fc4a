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
 * Three instances on one host at three offsets, scheme wka, each naming the other two by their
 * member port (4000 + offset): one cluster of three, whose directory every member serves. The last
 * test kills one member with {@code kill -9} and watches the others forget it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOnOneHostTest {

    private static final String HOST = "127.0.0.1";
    private int[] offsets;
    private static final Duration FORM = Duration.ofSeconds(90);

    private final List<RunningInstance> instances = new ArrayList<>();
    private final Map<String, PortPlan> expected = new LinkedHashMap<>();
    private final Map<String, String> homes = new LinkedHashMap<>();

    @BeforeAll
    void startThreeMembers(@TempDir Path dir) throws Exception {
        int base = RunningInstance.freeOffsets(3100, 3199, 3, Clusters.CARBON_WKA);
        offsets = new int[] {base, base + 1, base + 2};
        String domain = "berth-it-wka-" + ProcessHandle.current().pid();
        // One after the other: each joins the cluster the earlier ones formed, never a split pair.
        for (int offset : offsets) {
            List<String> others = new ArrayList<>();
            for (int other : offsets) {
                if (other != offset) {
                    others.add(Clusters.member(HOST, other));
                }
            }
            String clustering = """
                    membership_scheme = "wka"
                    members = %s
                    domain = "%s"
                    """.formatted(Clusters.array(others), domain);
            RunningInstance instance = RunningInstance.start(dir, "member-" + offset,
                    Clusters.config(HOST, offset, true, clustering));
            instances.add(instance);
            expected.put(HOST + "+" + offset, Clusters.expected(offset, Clusters.CARBON_WKA));
            homes.put(HOST + "+" + offset, instance.home().toString());
        }
        for (RunningInstance instance : instances) {
            instance.await("a cluster of three", () -> instance.getJson("/api/cluster"),
                    cluster -> cluster.get("memberCount").asInt() == 3 && cluster.get("members").size() == 3, FORM);
        }
    }

    @AfterAll
    void stopAll() {
        instances.forEach(RunningInstance::close);
    }

    /** A member started by bin/berth.sh has Hazelcast's module options (conf/jvm.options), and so no warning about them. */
    @Test
    @Order(0)
    void membersRunWithHazelcastsModuleOptionsAndWithoutItsWarning() throws Exception {
        for (RunningInstance instance : instances) {
            long pid = instance.runtimeRecord().get("pid").asLong();
            String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            assertTrue(commandLine.contains("--add-opens java.base/java.lang=ALL-UNNAMED"), commandLine);
            assertFalse(instance.output().contains("without proper access"), instance.output());
        }
    }

    @Test
    @Order(1)
    void everyMemberServesTheWholeDirectoryWithEachMembersEffectivePorts() throws Exception {
        for (RunningInstance instance : instances) {
            Clusters.assertDirectory(instance.getJson("/api/cluster"), expected, homes);
        }
    }

    @Test
    @Order(2)
    void statusClusterPrintsThreeMembers() throws Exception {
        Berth.Result status = instances.get(0).berth("status", "--cluster");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("Cluster: 3 member(s), scheme wka"), status.out());
        String table = status.out().substring(status.out().indexOf("Cluster: "));
        for (RunningInstance instance : instances) {
            int offset = instance.runtimeRecord().get("ports").get("offset").asInt();
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
        for (RunningInstance instance : instances) {
            JMXServiceURL url = new JMXServiceURL(instance.runtimeRecord().get("jmxServiceUrl").asText());
            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                MBeanServerConnection connection = connector.getMBeanServerConnection();
                assertEquals(3, connection.getAttribute(new ObjectName("berth:type=Ports"), "ClusterMemberCount"), url.toString());
            }
        }
    }

    @Test
    @Order(4)
    void killedMemberIsDroppedByTheOthers() throws Exception {
        RunningInstance victim = instances.get(instances.size() - 1);
        String victimKey = HOST + "+" + offsets[offsets.length - 1];
        victim.kill();
        assertFalse(victim.alive());
        Map<String, PortPlan> survivors = new LinkedHashMap<>(expected);
        survivors.remove(victimKey);
        // failure_timeout_seconds = 5: well within the bound, which only keeps a broken run from hanging.
        for (RunningInstance instance : instances.subList(0, instances.size() - 1)) {
            JsonNode cluster = instance.await(victimKey + " dropped", () -> instance.getJson("/api/cluster"),
                    view -> view.get("memberCount").asInt() == 2 && view.get("members").size() == 2, Duration.ofSeconds(60));
            Clusters.assertDirectory(cluster, survivors, homes);
        }
    }
}
