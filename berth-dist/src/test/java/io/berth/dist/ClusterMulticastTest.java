package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.ports.Feature;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortPlan;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
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
 * Two instances on one host, scheme multicast: they find each other through a multicast group on
 * 127.0.0.1 and form one cluster. The server sends its discovery packets with TTL 1 on the member
 * address's interface with loopback on; the test first checks that exactly that works on this host.
 */
class ClusterMulticastTest {

    private static final String HOST = "127.0.0.1";
    /** Administratively scoped, so no real cluster on the default group 228.0.0.4 hears the test. */
    private static final String GROUP = "239.255.214.7";
    /** The server's TTL for discovery packets (ClusterSettings.DEFAULT_MULTICAST_TTL). */
    private static final int SERVER_TTL = 1;
    private static final Set<Feature> FEATURES =
            EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.CLUSTERING, Feature.CLUSTERING_MULTICAST);

    @Test
    void twoInstancesOnOneHostFormOneClusterByMulticast(@TempDir Path dir) throws Exception {
        int groupPort = PortCatalogue.get("cluster-multicast").defaultPort();
        String problem = loopbackMulticastProblem(groupPort);
        assumeTrue(problem == null, () -> "skipped: multicast with TTL " + SERVER_TTL + " on " + HOST
                + " does not work on this host, so the servers could not discover each other: " + problem);

        String domain = "berth-it-mc-" + ProcessHandle.current().pid();
        String clustering = """
                membership_scheme = "multicast"
                multicast_group = "%s"
                domain = "%s"
                """.formatted(GROUP, domain);
        List<TestServer> instances = new ArrayList<>();
        Map<String, PortPlan> expected = new LinkedHashMap<>();
        Map<String, String> homes = new LinkedHashMap<>();
        try {
            for (String name : List.of("mc-a", "mc-b")) {
                TestServer instance = TestServer.start(TestHome.copyOfDistribution(dir, name)
                        .config(Clusters.config(HOST, false, clustering)));
                instances.add(instance);
                String key = HOST + "+" + instance.offset();
                expected.put(key, Clusters.expected(instance.offset(), FEATURES));
                homes.put(key, instance.home().toString());
                // The group port is fixed and shared: every member holds the same one, whoever else does.
                assertEquals(groupPort, instance.port("cluster-multicast"));
            }
            for (TestServer instance : instances) {
                var cluster = instance.await("a cluster of two by multicast", () -> instance.getJson("/api/cluster"),
                        view -> view.get("memberCount").asInt() == 2 && view.get("members").size() == 2,
                        Duration.ofSeconds(90));
                Clusters.assertDirectory(cluster, expected, homes);
            }
            // status --cluster --format json: one JSON document, the instance with its cluster view inside.
            CommandResult status = instances.get(1).home().berth("status", "--cluster", "--format", "json");
            assertEquals(0, status.exitCode(), status.toString());
            var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out());
            assertEquals(instances.get(1).pid(), document.get("pid").asLong(), status.toString());
            assertEquals(2, document.get("cluster").get("memberCount").asInt(), status.toString());
            // The group port is shared by design: the other member still holds it, and that is not this stop's failure.
            CommandResult stop = instances.get(0).home().berth("stop");
            assertEquals(0, stop.exitCode(), "stop of a member while another holds the group port\n" + stop);
            assertEquals(0, instances.get(0).awaitExit(Duration.ofSeconds(30)), "a clean stop exits 0");
        } finally {
            instances.forEach(TestServer::close);
        }
    }

    /**
     * Joins the group on 127.0.0.1's interface, sends one datagram with the server's TTL and loopback
     * on, and expects to hear it. Returns why not, or null when it works.
     */
    private static String loopbackMulticastProblem(int port) {
        try (MulticastSocket socket = new MulticastSocket(null)) {
            InetAddress group = InetAddress.getByName(GROUP);
            NetworkInterface loopback = NetworkInterface.getByInetAddress(InetAddress.getByName(HOST));
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            socket.setTimeToLive(SERVER_TTL);
            socket.setNetworkInterface(loopback);
            socket.setOption(java.net.StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.joinGroup(new InetSocketAddress(group, port), loopback);
            socket.setSoTimeout(1000);
            byte[] probe = ("berth-it-probe-" + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(probe, probe.length, group, port));
            // Other clusters on this host share the port (a socket bound to it hears every group joined
            // on it): look for our own probe among their packets, bounded in time.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                socket.receive(packet);
                if (new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)
                        .equals(new String(probe, StandardCharsets.UTF_8))) {
                    return null;
                }
            }
            return "our probe to " + GROUP + ":" + port + " never came back among other traffic";
        } catch (IOException e) {
            return "probe to " + GROUP + ":" + port + " via " + HOST + " failed: " + e;
        }
    }
}
