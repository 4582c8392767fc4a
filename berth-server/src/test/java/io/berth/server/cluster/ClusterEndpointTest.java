package io.berth.server.cluster;

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
                new ClusterEndpoint(ClusterSettings.wka(HOST, List.of()), TestContext.SECRET, 0, () -> "{}").portIds());
        assertEquals(List.of("cluster-wka", "cluster-multicast"),
                new ClusterEndpoint(ClusterSettings.multicast(HOST), TestContext.SECRET, 0, () -> "{}").portIds());
    }

    @Test
    void singleMemberPublishesItsCardAndStopsTwice() throws Exception {
        int offset = Ports.freeOffset(HOST, 350, 1);
        ClusterEndpoint endpoint = new ClusterEndpoint(quick(ClusterSettings.wka(HOST, List.of())), TestContext.SECRET, offset,
                () -> "{\"http\":8080}");
        endpoint.stop(); // before start: harmless
        endpoint.start(new TestContext(HOST, offset, home));
        try {
            assertEquals(1, endpoint.memberCount());
            assertEquals(List.of(new MemberCard(HOST, home.toString(), offset, "{\"http\":8080}")),
                    endpoint.directory());
            assertTrue(Ports.isListening(HOST, TestContext.memberPort(offset)), "member listens on exactly TestContext.memberPort(offset)");
        } finally {
            endpoint.stop();
            endpoint.stop();
        }
        assertEquals(0, endpoint.memberCount());
        assertTrue(Ports.isFree(HOST, TestContext.memberPort(offset)), "port released after stop");
    }

    @Test
    void takenPortFailsTheStartAndDoesNotMove() throws Exception {
        int offset = Ports.freeOffset(HOST, 360, 2);
        int port = TestContext.memberPort(offset);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            ClusterEndpoint endpoint = new ClusterEndpoint(quick(ClusterSettings.wka(HOST, List.of())), TestContext.SECRET, offset,
                    () -> "{}");
            ClusterStartException failure = assertThrows(ClusterStartException.class,
                    () -> endpoint.start(new TestContext(HOST, offset, home)));
            assertTrue(failure.getMessage().contains(HOST + ":" + port), failure.getMessage());
            assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty(), "no member left running");
            assertTrue(Ports.isFree(HOST, port + 1), "did not move to the next port");
            endpoint.stop(); // after a failed start: harmless
        }
    }

    @Test
    void foreignHostIsRejectedWithItsName() {
        ClusterEndpoint endpoint = new ClusterEndpoint(ClusterSettings.wka("192.0.2.1", List.of()), TestContext.SECRET, 0, () -> "{}");
        ClusterStartException failure = assertThrows(ClusterStartException.class,
                () -> endpoint.start(new TestContext("192.0.2.1", 0, home)));
        assertTrue(failure.getMessage().contains("'192.0.2.1'"), failure.getMessage());
    }

    @Test
    void settingsNameTheBadInput() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.wka(HOST, List.of("host-without-port")));
        assertTrue(bad.getMessage().contains("'host-without-port'"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.multicast(HOST).withMulticast("10.0.0.1", 1));
        assertTrue(bad.getMessage().contains("'10.0.0.1'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterSettings.wka(HOST, List.of()).withTimeouts(5, 5, 1));
    }

    static ClusterSettings quick(ClusterSettings settings) {
        return settings.withDomain("berth-test-" + ProcessHandle.current().pid()).withTimeouts(1, 6, 0);
    }

    static final class Ports {
        private Ports() {
        }

        /** First offset (stepping by 10 from {@code start}) whose {@code count} member ports are all free. */
        static int freeOffset(String host, int start, int count) throws IOException {
            for (int offset = start; offset < start + 1000; offset += 10) {
                boolean free = true;
                for (int i = 0; i < count && free; i++) {
                    free = isFree(host, TestContext.memberPort(offset) + i);
                }
                if (free) {
                    return offset;
                }
            }
            throw new IOException("no free member ports on " + host + " for offsets from " + start);
        }

        static boolean isFree(String host, int port) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
                return true;
            } catch (IOException e) {
                return false;
            }
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
