package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.ports.Feature;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import io.berth.ports.SocketProbe;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start whose member port (4000 + offset) is taken stops at preflight, names the holder, and binds nothing. */
class ClusterPortTakenTest {

    private static final String HOST = "127.0.0.1";
    /** How often a new offset is planned when a neighbour takes one of its other ports between the plan and the start. */
    private static final int ATTEMPTS = 3;

    @Test
    void takenMemberPortStopsTheStartAtPreflight(@TempDir Path dir) throws Exception {
        // The default product: every other port (https, http, JMX, KDC tcp+udp, Thrift) is bound at preflight too.
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX, Feature.CLUSTERING,
                Feature.KDC, Feature.THRIFT_ENTITLEMENT);
        TestHome home = TestHome.copyOfDistribution(dir, "taken").config("""
                [server]
                hostname = "%s"

                [clustering]
                membership_scheme = "wka"
                members = []
                """.formatted(HOST));
        for (int attempt = 1; ; attempt++) {
            // The lowest offset whose every port is free on this host and in the registry, as `berth plan` finds it.
            int offset = home.berth("plan", "--home", home.toString(), "--format", "json").json()
                    .get("instances").get(0).get("offset").asInt();
            PortPlan plan = Clusters.expected(offset, features);
            int memberPort = plan.effective("cluster-wka");
            String output;
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress(InetAddress.getByName(HOST), memberPort));
                try (TestServer instance = TestServer.launch(home, "-DportOffset=" + offset)) {
                    assertNotEquals(0, instance.awaitExit(), instance.output());
                    output = instance.output();
                }
                long self = ProcessHandle.current().pid();
                Pattern line = Pattern.compile("(?m)^berth: Port " + memberPort + "/tcp \\(cluster-wka\\) on "
                        + Pattern.quote(HOST) + " is taken by pid " + self + "\\b.*$");
                if (!line.matcher(output).find() && output.contains(" is taken by ") && attempt < ATTEMPTS) {
                    System.err.println("another port of offset " + offset + " was taken meanwhile, planning again: " + output.strip());
                    continue;
                }
                assertFalse(output.contains(TestServer.BANNER), output);
                assertTrue(line.matcher(output).find(), "expected the preflight line naming pid " + self + " in:\n" + output);
                assertFalse(Files.exists(home.resolve("runtime/instance.json")), "runtime file left behind");
                SocketProbe probe = new SocketProbe();
                for (PlannedPort port : plan.enabledPorts()) {
                    if (port.id().equals("cluster-wka")) {
                        continue;
                    }
                    for (Protocol protocol : port.definition().protocols()) {
                        assertTrue(probe.isFree(port.effective(), protocol),
                                port.id() + " " + port.effective() + "/" + protocol + " is still held after the refused start");
                    }
                }
            }
            assertTrue(new SocketProbe().isFree(memberPort, Protocol.TCP), "cluster-wka " + memberPort + " is still held");
            return;
        }
    }
}
