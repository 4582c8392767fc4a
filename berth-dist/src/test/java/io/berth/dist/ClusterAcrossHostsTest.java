package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.Feature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two "hosts" (network namespaces on a veth pair), one instance in each at the SAME offset 0, so
 * both use the default ports, each inside its own port space. Each names the other's address and
 * member port 4000: one cluster of two, whose directory each instance serves. Then one host's wire is
 * cut, closing no socket, and the other forgets its member by the heartbeat timeout alone.
 */
class ClusterAcrossHostsTest {

    private static final Set<Feature> FEATURES = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.CLUSTERING);

    @Test
    void oneInstancePerHostAtTheSameOffsetFormOneClusterAndForgetAnUnpluggedOne(@TempDir Path dir) throws Exception {
        String domain = "berth-it-hosts-" + ProcessHandle.current().pid();
        NetNamespaces created = NetNamespaces.createOrSkip(dir);
        try (NetNamespaces net = created;
                TestServer a = TestServer.start(home(dir, net.a(), net.b(), domain), "-DportOffset=0");
                TestServer b = TestServer.start(home(dir, net.b(), net.a(), domain), "-DportOffset=0")) {
            Clusters.PairAcrossHosts pair = Clusters.awaitPairAcrossHosts(net, a, b, FEATURES, "a cluster of two across hosts");

            CommandResult status = a.home().berth("status", "--cluster");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains("Cluster: 2 member(s), scheme wka"), status.out());
            assertTrue(status.out().lines().anyMatch(line -> line.startsWith(net.b().address() + " ")), status.out());

            // No socket is closed when the wire is cut: only the heartbeat timeout (5 s) can tell.
            net.unplug(net.b());
            var alone = a.await(pair.keyB() + " forgotten", () -> a.getJson("/api/cluster"),
                    view -> view.get("memberCount").asInt() == 1 && view.get("members").size() == 1, Duration.ofSeconds(60));
            Clusters.assertDirectory(alone, Map.of(pair.keyA(), pair.atZero()), pair.homes());
        }
    }

    /** A home on {@code self} naming {@code other}'s member port; JMX off, as beyond loopback it would require credentials. */
    private static TestHome home(Path dir, NetNamespaces.Host self, NetNamespaces.Host other, String domain) throws IOException {
        int memberPort = Clusters.expected(0, FEATURES).effective("cluster-wka");
        String clustering = """
                membership_scheme = "wka"
                local_member_host = "%s"
                members = ["%s:%d"]
                domain = "%s"
                """.formatted(self.address(), other.address(), memberPort, domain);
        return TestHome.copyOfDistribution(dir, self.namespace()).on(self).config(Clusters.config(self.address(), false, clustering));
    }
}
