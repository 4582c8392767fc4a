package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.berth.ports.Feature;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start whose member port (4000 + offset) is taken stops at preflight, names the holder, and binds nothing. */
class ClusterPortTakenTest {

    private static final String HOST = "127.0.0.1";

    @Test
    void takenMemberPortStopsTheStartAtPreflight(@TempDir Path dir) throws Exception {
        // The default product: every other port (https, http, JMX, KDC tcp+udp, Thrift) is bound at preflight too.
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX, Feature.CLUSTERING,
                Feature.KDC, Feature.THRIFT_ENTITLEMENT);
        int offset = RunningInstance.freeOffsets(3400, 3499, 2, features);
        PortPlan plan = Clusters.expected(offset, features);
        int memberPort = plan.effective("cluster-wka");
        String config = """
                [server]
                hostname = "%s"
                offset = %d

                [clustering]
                membership_scheme = "wka"
                members = ["%s"]
                """.formatted(HOST, offset, Clusters.member(HOST, offset + 1));
        Path home = RunningInstance.copyHome(dir, "taken");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName(HOST), memberPort));
            try (RunningInstance instance = RunningInstance.launch(List.of(), home, config)) {
                int exit = instance.awaitExit(RunningInstance.START_BOUND);
                String output = instance.output();
                assertNotEquals(0, exit, output);
                assertFalse(output.contains(RunningInstance.BANNER), output);
                long self = ProcessHandle.current().pid();
                Pattern line = Pattern.compile("(?m)^berth: Port " + memberPort + "/tcp \\(cluster-wka\\) on "
                        + Pattern.quote(HOST) + " is taken by pid " + self + "\\b.*$");
                assertTrue(line.matcher(output).find(), "expected the preflight line naming pid " + self + " in:\n" + output);
            }
            assertFalse(Files.exists(home.resolve("runtime/instance.json")), "runtime file left behind");
            for (PlannedPort port : plan.enabledPorts()) {
                if (port.id().equals("cluster-wka")) {
                    continue;
                }
                for (Protocol protocol : port.definition().protocols()) {
                    assertFree(port.effective(), protocol, port.id());
                }
            }
        }
        assertFree(memberPort, Protocol.TCP, "cluster-wka");
    }

    private static void assertFree(int port, Protocol protocol, String id) {
        InetSocketAddress address = new InetSocketAddress(HOST, port);
        try {
            if (protocol == Protocol.TCP) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(address);
                }
            } else {
                try (DatagramSocket socket = new DatagramSocket(address)) {
                    socket.getLocalPort();
                }
            }
        } catch (IOException e) {
            fail(id + " " + port + "/" + protocol + " is still held after the refused start: " + e);
        }
    }
}
