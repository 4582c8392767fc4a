package io.berth.server.cluster;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three members in three JVMs on one host, WKA: they form one cluster and forget a killed member. */
class WkaClusterProcessTest {

    private static final String HOST = "127.0.0.1";
    private static final int FAILURE_SECONDS = 6;
    private static final Duration FORM = Duration.ofSeconds(90);

    @Test
    void threeMembersFormOneClusterAndDropAKilledOne() throws Exception {
        int base = ClusterEndpointTest.Ports.freeOffset(HOST, 300, 3);
        Path work = Path.of("target", "it", "wka-" + ProcessHandle.current().pid()).toAbsolutePath();
        String domain = "berth-wka-" + ProcessHandle.current().pid();
        List<String> all = List.of(member(base), member(base + 1), member(base + 2));

        try (Members members = new Members()) {
            List<MemberProcess> procs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int offset = base + i;
                List<String> others = all.stream().filter(m -> !m.equals(member(offset))).toList();
                procs.add(members.add(MemberProcess.start(List.of(), "m" + i, work,
                        "scheme=wka", "host=" + HOST, "offset=" + offset, "home=" + work.resolve("home" + i),
                        "members=" + String.join(",", others), "domain=" + domain,
                        "heartbeat=1", "failure=" + FAILURE_SECONDS, "joinWait=1")));
            }
            List<String> expected = List.of(HOST + "+" + base, HOST + "+" + (base + 1), HOST + "+" + (base + 2));
            for (MemberProcess proc : procs) {
                MemberProcess.Snapshot snap = proc.await("three members, three cards",
                        s -> s.members() == 3 && s.hosts().equals(expected), FORM);
                assertEquals("{\"http\":" + (8080 + base) + "}", snap.cards().get(0).portsJson());
                assertNotEquals(snap.cards().get(0).home(), snap.cards().get(1).home());
            }

            long killedAt = System.nanoTime();
            procs.get(2).kill();
            List<String> survivors = expected.subList(0, 2);
            for (MemberProcess proc : procs.subList(0, 2)) {
                proc.await("killed member gone", s -> s.members() == 2 && s.hosts().equals(survivors),
                        Duration.ofSeconds(FAILURE_SECONDS + 10));
            }
            long seconds = Duration.ofNanos(System.nanoTime() - killedAt).toSeconds();
            // Detection within the failure-detection window plus a few heartbeats of slack.
            assertTrue(seconds <= FAILURE_SECONDS + 5, "dropped after " + seconds + " s");

            // A member that leaves politely withdraws its card too.
            procs.get(1).close();
            procs.get(0).await("stopped member gone", s -> s.members() == 1 && s.hosts().equals(expected.subList(0, 1)),
                    Duration.ofSeconds(FAILURE_SECONDS + 10));
        }
    }

    @Test
    void twoMembersOnIpv6NameEachOtherInBracketsAndFormOneCluster() throws Exception {
        String v6 = "::1";
        // This JVM runs on the IPv4 stack: probe the member ports there, as a stand-in.
        int base = ClusterEndpointTest.Ports.freeOffset(HOST, 470, 2);
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

    private static String member(int offset) {
        return HOST + ":" + ClusterEndpointTest.Ports.memberPort(offset);
    }
}
