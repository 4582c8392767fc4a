package io.berth.server.cluster;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two "hosts" (network namespaces on a veth pair), one member each, both on the SAME port 4000
 * (offset 0), naming each other's address: one cluster of two, with both cards in each directory.
 */
class CrossHostClusterTest {

    private static final String ADDRESS_A = "10.213.0.1";
    private static final String ADDRESS_B = "10.213.0.2";
    private static final int FAILURE_SECONDS = 6;
    private static final Duration FORM = Duration.ofSeconds(90);

    @Test
    void membersOnTwoHostsAtTheSamePortFormOneCluster() throws Exception {
        String reason = NetNs.unavailableReason();
        assumeTrue(reason == null, () -> "skipped: cannot create network namespaces: " + reason);

        String tag = Long.toString(ProcessHandle.current().pid() % 100000);
        Path work = Path.of("target", "it", "crosshost-" + tag).toAbsolutePath();
        try (NetNs net = new NetNs(tag)) {
            try {
                net.create(ADDRESS_A, ADDRESS_B);
            } catch (IOException e) {
                // e.g. root in a container without CAP_NET_ADMIN; close() still removes what was made
                abort("skipped: cannot create network namespaces: " + e.getMessage());
            }
            try (Members members = new Members()) {
                MemberProcess a = members.add(startMember(net.nsA, "a", ADDRESS_A, ADDRESS_B, work));
                MemberProcess b = members.add(startMember(net.nsB, "b", ADDRESS_B, ADDRESS_A, work));
                List<String> both = List.of(ADDRESS_A + "+0", ADDRESS_B + "+0");
                a.await("cluster of two, both cards", s -> s.members() == 2 && s.hosts().equals(both), FORM);
                b.await("cluster of two, both cards", s -> s.members() == 2 && s.hosts().equals(both), FORM);

                // No socket is closed when the wire is cut: this exercises the heartbeat timeout itself.
                net.unplug(net.nsB, net.vethB);
                a.await("unplugged member gone", s -> s.members() == 1 && s.hosts().equals(List.of(ADDRESS_A + "+0")),
                        Duration.ofSeconds(FAILURE_SECONDS + 15));
            }
        }
    }

    private static MemberProcess startMember(String ns, String name, String self, String other, Path work)
            throws Exception {
        return MemberProcess.start(NetNs.prefix(ns), name, work,
                "scheme=wka", "host=" + self, "offset=0", "home=" + work.resolve("home-" + name),
                "members=" + other + ":" + ClusterEndpointTest.Ports.memberPort(0), "domain=berth-crosshost",
                "heartbeat=1", "failure=" + FAILURE_SECONDS, "joinWait=1");
    }
}
