package io.berth.server.cluster;

import io.berth.server.endpoint.FreePorts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two members in two JVMs on the IPv6 stack, WKA over ::1, naming each other in brackets. The other
 * cluster scenarios run through the distribution (berth-dist's Cluster*Test); this one needs member
 * JVMs on the IPv6 stack, which this module's test JVM is not.
 */
class WkaClusterProcessTest {

    private static final int FAILURE_SECONDS = 6;
    private static final Duration FORM = Duration.ofSeconds(90);

    @Test
    void twoMembersOnIpv6NameEachOtherInBracketsAndFormOneCluster() throws Exception {
        String v6 = "::1";
        // This JVM runs on the IPv4 stack: probe the member ports there, as a stand-in.
        int base = FreePorts.offsetWhere(ClusterEndpoint.WKA_PORT_ID, 2);
        Path work = Path.of("target", "it", "wka-v6-" + ProcessHandle.current().pid()).toAbsolutePath();
        String domain = "berth-wka-v6-" + ProcessHandle.current().pid();
        try (Members members = new Members()) {
            List<MemberProcess> procs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int other = base + 1 - i;
                procs.add(members.add(MemberProcess.start(List.of(), "v6-" + i, work,
                        "scheme=wka", "host=" + v6, "offset=" + (base + i), "home=" + work.resolve("v6-home" + i),
                        "members=[::1]:" + ClusterEndpointTest.Ports.memberPort(other), "domain=" + domain,
                        "heartbeat=1", "failure=" + FAILURE_SECONDS, "joinWait=1")));
            }
            for (MemberProcess proc : procs) {
                proc.await("two IPv6 members, two cards", s -> s.members() == 2 && s.hosts().equals(
                        List.of(v6 + "+" + base, v6 + "+" + (base + 1))), FORM);
            }
        }
    }
}
