package io.berth.server.cluster;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two members in two JVMs on 127.0.0.1 discover each other by multicast (TTL 0: never leaves the host). */
class MulticastClusterProcessTest {

    private static final String HOST = "127.0.0.1";
    /** Administratively scoped, so a real cluster on the default group of this host is not disturbed. */
    private static final String GROUP = "239.255.213.4";

    @Test
    void twoMembersFindEachOtherByMulticastOnLoopback() throws Exception {
        String reason = loopbackMulticastProblem();
        assumeTrue(reason == null, () -> "skipped: multicast does not work on loopback here: " + reason);

        int base = ClusterEndpointTest.Ports.freeOffset(HOST, 320, 2);
        Path work = Path.of("target", "it", "multicast-" + ProcessHandle.current().pid()).toAbsolutePath();
        String domain = "berth-mc-" + ProcessHandle.current().pid();
        try (Members members = new Members()) {
            MemberProcess a = members.add(start("a", base, domain, work));
            MemberProcess b = members.add(start("b", base + 1, domain, work));
            List<String> both = List.of(HOST + "+" + base, HOST + "+" + (base + 1));
            a.await("cluster of two by multicast", s -> s.members() == 2 && s.hosts().equals(both),
                    Duration.ofSeconds(90));
            b.await("cluster of two by multicast", s -> s.members() == 2 && s.hosts().equals(both),
                    Duration.ofSeconds(90));
        }
    }

    private static MemberProcess start(String name, int offset, String domain, Path work) throws IOException {
        return MemberProcess.start(List.of(), name, work,
                "scheme=multicast", "host=" + HOST, "offset=" + offset, "home=" + work.resolve("home-" + name),
                "domain=" + domain, "mcGroup=" + GROUP, "mcTtl=0", "heartbeat=1", "failure=6", "joinWait=1");
    }

    /**
     * Sends one datagram to the group the way Hazelcast's socket is set up (bound to the wildcard on the
     * registry's multicast port, interface set to the member address, loopback on, TTL 0) and expects
     * to hear it back. Returns why not, or null if it works.
     */
    private static String loopbackMulticastProblem() {
        InetAddress group;
        try {
            group = InetAddress.getByName(GROUP);
        } catch (IOException e) {
            return e.toString();
        }
        int port = io.berth.ports.PortCatalogue.get(ClusterEndpoint.MULTICAST_PORT_ID).defaultPort();
        try (MulticastSocket socket = new MulticastSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            socket.setTimeToLive(0);
            socket.setInterface(InetAddress.getByName(HOST));
            socket.setLoopbackMode(false);
            socket.joinGroup(group);
            socket.setSoTimeout(2000);
            byte[] probe = ("berth-probe-" + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(probe, probe.length, group, port));
            // Other traffic on the port (e.g. a real cluster) is possible: look for our own probe.
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                DatagramPacket packet = new DatagramPacket(new byte[512], 512);
                socket.receive(packet);
                if (new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)
                        .equals(new String(probe, StandardCharsets.UTF_8))) {
                    return null;
                }
            }
            return "own probe to " + GROUP + ":" + port + " via " + HOST + " never came back";
        } catch (IOException e) {
            return "probe to " + GROUP + ":" + port + " via " + HOST + " failed: " + e;
        }
    }
}
