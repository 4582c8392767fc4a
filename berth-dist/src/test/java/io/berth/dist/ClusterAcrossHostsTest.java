package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.ports.Feature;
import io.berth.ports.PortPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two "hosts" (network namespaces on a veth pair), one instance in each at the SAME offset 0, so
 * both use the default ports, each inside its own port space. Each names the other's address and
 * member port 4000: one cluster of two, whose directory each instance serves.
 */
class ClusterAcrossHostsTest {

    private static final Set<Feature> FEATURES = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.CLUSTERING);

    @Test
    void oneInstancePerHostAtTheSameOffsetFormOneCluster(@TempDir Path dir) throws Exception {
        String reason = NetNamespaces.unavailableReason();
        assumeTrue(reason == null, () -> "skipped: cannot create network namespaces: " + reason);
        String domain = "berth-it-hosts-" + ProcessHandle.current().pid();
        try (NetNamespaces net = new NetNamespaces()) {
            try {
                net.create();
            } catch (IOException e) {
                // e.g. root in a container without CAP_NET_ADMIN; close() still removes what was made
                abort("skipped: cannot create network namespaces: " + e.getMessage());
            }
            List<RunningInstance> instances = new ArrayList<>();
            try {
                RunningInstance a = launch(dir, NetNamespaces.NS_A, NetNamespaces.ADDRESS_A, NetNamespaces.ADDRESS_B, domain);
                instances.add(a);
                a.awaitStarted();
                RunningInstance b = launch(dir, NetNamespaces.NS_B, NetNamespaces.ADDRESS_B, NetNamespaces.ADDRESS_A, domain);
                instances.add(b);
                b.awaitStarted();

                PortPlan atZero = Clusters.expected(0, FEATURES);
                Map<String, PortPlan> expected = new LinkedHashMap<>();
                expected.put(NetNamespaces.ADDRESS_A + "+0", atZero);
                expected.put(NetNamespaces.ADDRESS_B + "+0", atZero);
                Map<String, String> homes = Map.of(NetNamespaces.ADDRESS_A + "+0", a.home().toString(),
                        NetNamespaces.ADDRESS_B + "+0", b.home().toString());
                for (RunningInstance instance : instances) {
                    assertEquals(atZero.effective("https"), instance.port("https"));
                    var cluster = instance.await("a cluster of two across hosts", () -> instance.getJson("/api/cluster"),
                            view -> view.get("memberCount").asInt() == 2 && view.get("members").size() == 2,
                            Duration.ofSeconds(90));
                    Clusters.assertDirectory(cluster, expected, homes);
                }

                Berth.Result status = a.berth("status", "--cluster");
                assertEquals(0, status.exitCode(), status.toString());
                assertTrue(status.out().contains("Cluster: 2 member(s), scheme wka"), status.out());
                assertTrue(status.out().lines().anyMatch(line -> line.startsWith(NetNamespaces.ADDRESS_B + " ")), status.out());
            } finally {
                instances.forEach(RunningInstance::close);
            }
        }
    }

    private static RunningInstance launch(Path dir, String ns, String self, String other, String domain) throws IOException {
        int memberPort = Clusters.expected(0, FEATURES).effective("cluster-wka");
        String clustering = """
                membership_scheme = "wka"
                local_member_host = "%s"
                members = ["%s:%d"]
                domain = "%s"
                """.formatted(self, other, memberPort, domain);
        // JMX off: beyond loopback it would require credentials, which this test is not about.
        // Each "host" keeps its own host registry, as two real hosts do; the namespaces share one file system.
        List<String> prefix = new ArrayList<>(NetNamespaces.prefix(ns));
        prefix.addAll(List.of("env", "BERTH_HOST_REGISTRY=" + dir.resolve(ns + "-host-registry")));
        return RunningInstance.launch(prefix, RunningInstance.copyHome(dir, ns), Clusters.config(self, 0, false, clustering));
    }
}
