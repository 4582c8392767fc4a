package io.berth.server.cluster;

import com.hazelcast.core.Hazelcast;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.berth.ports.Protocol;
import io.berth.server.endpoint.TestEndpointContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
                new ClusterEndpoint(ClusterSettings.wka(HOST, List.of()), 0, () -> "{}").portIds());
        assertEquals(List.of("cluster-wka", "cluster-multicast"),
                new ClusterEndpoint(ClusterSettings.multicast(HOST), 0, () -> "{}").portIds());
    }

    @Test
    void singleMemberPublishesItsCardAndStopsTwice() throws Exception {
        TestEndpointContext context = TestEndpointContext.onFreePorts(HOST, home, ClusterEndpoint.WKA_PORT_ID);
        int memberPort = context.port(ClusterEndpoint.WKA_PORT_ID);
        ClusterEndpoint endpoint = new ClusterEndpoint(quick(ClusterSettings.wka(HOST, List.of())), 7,
                () -> "{\"http\":8080}");
        endpoint.stop(); // before start: harmless
        endpoint.start(context);
        try {
            assertEquals(1, endpoint.memberCount());
            assertEquals(List.of(new MemberCard(HOST, home.toString(), 7, "{\"http\":8080}")), endpoint.directory());
            assertTrue(isListening(HOST, memberPort), "member listens on exactly the registry's cluster-wka port");
        } finally {
            endpoint.stop();
            endpoint.stop();
        }
        assertEquals(0, endpoint.memberCount());
        assertTrue(TestEndpointContext.isFree(memberPort, Protocol.TCP), "port released after stop");
    }

    @Test
    void takenPortFailsTheStartAndDoesNotMove() throws Exception {
        TestEndpointContext context = TestEndpointContext.onFreePorts(HOST, home, ClusterEndpoint.WKA_PORT_ID);
        int port = context.port(ClusterEndpoint.WKA_PORT_ID);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            ClusterEndpoint endpoint = new ClusterEndpoint(quick(ClusterSettings.wka(HOST, List.of())), 0, () -> "{}");
            ClusterStartException failure = assertThrows(ClusterStartException.class, () -> endpoint.start(context));
            assertTrue(failure.getMessage().contains(HOST + ":" + port), failure.getMessage());
            // Hazelcast would otherwise try the next ports (port-auto-increment): no member came up anywhere.
            assertTrue(Hazelcast.getAllHazelcastInstances().isEmpty(), "no member left running");
            endpoint.stop(); // after a failed start: harmless
        }
    }

    @Test
    void foreignHostIsRejectedWithItsName() {
        ClusterEndpoint endpoint = new ClusterEndpoint(ClusterSettings.wka("192.0.2.1", List.of()), 0, () -> "{}");
        TestEndpointContext context = new TestEndpointContext("192.0.2.1", Map.of(ClusterEndpoint.WKA_PORT_ID, 4000), home);
        ClusterStartException failure = assertThrows(ClusterStartException.class, () -> endpoint.start(context));
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

    private static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
