package io.berth.server.cluster;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.Protocol;
import io.berth.server.endpoint.FreePorts;
import io.berth.server.endpoint.TestPreflight;
import io.berth.server.lifecycle.PortTakenException;

import com.hazelcast.core.Hazelcast;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-JVM checks of one member: lifecycle, port ids, the taken-port failure. */
class ClusterEndpointTest {

    /** The secret every member of a test cluster shares, in process and out. */
    static final ClusterSecret SECRET = ClusterSecret.of("berth-test-cluster-secret");

    private static final String HOST = "127.0.0.1";

    @TempDir
    Path home;

    @AfterEach
    void noLeftovers() {
        Hazelcast.shutdownAll();
    }

    @Test
    void portIdsFollowScheme() {
        assertEquals(List.of("cluster-wka"),
                new ClusterEndpoint(ClusterSettings.wka(List.of()), SECRET, 0, () -> "{}").portIds());
        assertEquals(List.of("cluster-wka", "cluster-multicast"),
                new ClusterEndpoint(ClusterSettings.multicast(), SECRET, 0, () -> "{}").portIds());
    }

    @Test
    void singleMemberPublishesItsCardAndStopsTwice() throws Exception {
        int offset = FreePorts.offsetWhere(ClusterEndpoint.WKA_PORT_ID, 1);
        ClusterEndpoint endpoint = new ClusterEndpoint(quick(ClusterSettings.wka(List.of())), SECRET, offset,
                () -> "{\"http\":8080}");
        endpoint.stop(); // before start: harmless
        endpoint.start(TestPreflight.atOffset(HOST, offset, home, endpoint.portIds()));
        try {
            assertEquals(1, endpoint.memberCount());
            assertEquals(List.of(new MemberCard(HOST, home.toString(), offset, "{\"http\":8080}")),
                    endpoint.directory());
            assertTrue(Ports.isListening(HOST, Ports.memberPort(offset)), "member listens on exactly Ports.memberPort(offset)");
        } finally {
            endpoint.stop();
            endpoint.stop();
        }
        assertEquals(0, endpoint.memberCount());
        assertTrue(FreePorts.isFree(Ports.memberPort(offset), Protocol.TCP), "port released after stop");
    }

    @Test
    void takenPortStopsThePreflightNamingTheAddress() throws Exception {
        int offset = FreePorts.offsetWhere(ClusterEndpoint.WKA_PORT_ID, 1);
        int port = Ports.memberPort(offset);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            PortTakenException failure = assertThrows(PortTakenException.class,
                    () -> TestPreflight.atOffset(HOST, offset, home, List.of(ClusterEndpoint.WKA_PORT_ID)));
            assertTrue(failure.getMessage().contains(port + "/tcp (cluster-wka) on " + HOST), failure.getMessage());
        }
    }

    @Test
    void foreignHostIsRejectedWithItsName() {
        PortTakenException failure = assertThrows(PortTakenException.class,
                () -> TestPreflight.atOffset("192.0.2.1", 0, home, List.of(ClusterEndpoint.WKA_PORT_ID)));
        assertTrue(failure.getMessage().contains("on 192.0.2.1: it is not an address of this host"), failure.getMessage());
    }

    @Test
    void aMemberThatFindsNoneOfItsMembersSaysSoAndAgainWhenOneAppears() {
        java.time.Instant start = java.time.Instant.parse("2026-01-01T00:00:00Z");
        MemberSearch search = new MemberSearch(java.time.Duration.ofSeconds(60), start);
        assertNull(search.observe(1, start.plusSeconds(59)), "within the patience: nothing to say");
        assertEquals(MemberSearch.State.SEARCHING, search.state());
        assertEquals(MemberSearch.State.ALONE, search.observe(1, start.plusSeconds(60)));
        assertNull(search.observe(1, start.plusSeconds(90)), "said once");
        assertEquals(MemberSearch.State.JOINED, search.observe(2, start.plusSeconds(91)));
        assertNull(search.observe(1, start.plusSeconds(92)), "the last member just left: not news yet");
        assertEquals(MemberSearch.State.ALONE, search.observe(1, start.plusSeconds(152)));
    }

    @Test
    void settingsNameTheBadInput() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.wka(List.of("host-without-port")));
        assertTrue(bad.getMessage().contains("'host-without-port'"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.multicast().withMulticast("10.0.0.1", 1));
        assertTrue(bad.getMessage().contains("'10.0.0.1'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.wka(List.of()).withTimeouts(5, 5, 1));
    }

    static ClusterSettings quick(ClusterSettings settings) {
        return settings.withDomain("berth-test-" + ProcessHandle.current().pid()).withTimeouts(1, 6, 0);
    }

    static final class Ports {
        private Ports() {
        }

        /** The member port at {@code offset}, as the catalogue and the offset make it. */
        static int memberPort(int offset) {
            return PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.OPTION)).effective(ClusterEndpoint.WKA_PORT_ID);
        }

        static boolean isListening(String host, int port) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
