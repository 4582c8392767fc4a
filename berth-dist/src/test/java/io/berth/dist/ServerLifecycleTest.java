package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real server processes with real clients: HTTPS (JDK client and openssl), JMX, preflight against a
 * running instance, kill -9 and restart, stop. Offsets 500..599 belong to this class.
 */
class ServerLifecycleTest {

    private static final String TOML = "[server]\nhostname = \"localhost\"\n";

    @TempDir
    Path dir;

    private static PortPlan expected(int offset) {
        return PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.SYSTEM_PROPERTY));
    }

    /**
     * The ports an instance of the default product serves at {@code offset}, with clustering off or
     * under scheme wka: never the multicast group port, which other hosts' tests may share.
     */
    private static java.util.List<PlannedPort> served(int offset, boolean wka) {
        return expected(offset).enabledPorts().stream()
                .filter(port -> !port.id().equals("cluster-multicast") && (wka || !port.id().equals("cluster-wka")))
                .toList();
    }

    @Test
    void twoInstancesSideBySideServeTheirOwnPorts() throws Exception {
        Path homeA = Instances.newHome(dir, "a", TOML);
        Path homeB = Instances.newHome(dir, "b", TOML);
        try (Instances instances = new Instances()) {
            instances.startReady(homeA, "-DportOffset=501");
            instances.startReady(homeB, "-DportOffset=502");
            for (var instance : new Object[][] {{homeA, 501}, {homeB, 502}}) {
                Path home = (Path) instance[0];
                int offset = (int) instance[1];
                PortPlan plan = expected(offset);
                HttpClient https = Instances.httpsClient(home);
                String base = "https://localhost:" + plan.effective("https");
                HttpResponse<String> console = Instances.get(https, base + "/console");
                assertEquals(200, console.statusCode());
                assertTrue(console.body().contains(offset + " (system property portOffset)"), console.body());
                HttpResponse<String> carbon = Instances.get(https, base + "/carbon");
                assertEquals(302, carbon.statusCode());
                assertEquals("/console", java.net.URI.create(carbon.headers().firstValue("location").orElseThrow()).getPath());

                JsonNode ports = Instances.json(Instances.get(https, base + "/api/ports").body());
                assertEquals(offset, ports.get("offset").asInt());
                for (JsonNode port : ports.get("ports")) {
                    PlannedPort planned = plan.find(port.get("id").asText()).orElseThrow();
                    assertEquals(planned.effective(), port.get("effective").asInt(), port.toString());
                    boolean served = planned.enabled() && !planned.id().startsWith("cluster");
                    assertEquals(served, port.get("bound").asBoolean(), port.toString());
                    if (served) {
                        assertEquals("127.0.0.1:" + planned.effective(), port.get("address").asText());
                    }
                }
                assertEquals("UP", Instances.json(Instances.get(https, base + "/api/health").body()).get("status").asText());
                assertOpensslVerifies(home, plan.effective("https"));
            }
        }
    }

    /** {@code openssl s_client} completes a verified handshake against the instance's own certificate. */
    private void assertOpensslVerifies(Path home, int port) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path pem = dir.resolve("cert-" + port + ".pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(Instances.certificate(home).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-CAfile", pem.toString(), "-verify_return_error", "-brief")
                .redirectErrorStream(true).start();
        openssl.getOutputStream().close();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, openssl.exitValue(), output);
        assertTrue(output.contains("Verification: OK"), output);
    }

    @Test
    void jmxClientReadsThePortsMBeanThroughTheRegistryPort() throws Exception {
        Path home = Instances.newHome(dir, "jmx", TOML);
        try (Instances instances = new Instances()) {
            JsonNode record = Instances.awaitRunning(home, instances.start(home, "-DportOffset=503"));
            PortPlan plan = expected(503);
            String url = record.get("jmxServiceUrl").asText();
            assertEquals("service:jmx:rmi://localhost:" + plan.effective("jmx-rmi-server") + "/jndi/rmi://localhost:"
                    + plan.effective("jmx-rmi-registry") + "/jmxrmi", url);
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
                MBeanServerConnection mbeans = connector.getMBeanServerConnection();
                ObjectName ports = new ObjectName("berth:type=Ports");
                assertEquals(503, mbeans.getAttribute(ports, "Offset"));
                assertEquals("system property portOffset", mbeans.getAttribute(ports, "OffsetSource"));
                String[] table = (String[]) mbeans.getAttribute(ports, "PortTable");
                assertTrue(table[0].startsWith("https 9443 -> " + plan.effective("https") + " tcp applied bound"), table[0]);
            }
        }
    }

    @Test
    void jmxSwitchedOffOpensNeitherPort() throws Exception {
        Path home = Instances.newHome(dir, "nojmx", TOML + "[monitoring.jmx]\nrmi_server_start = false\n");
        try (Instances instances = new Instances()) {
            instances.startReady(home, "-DportOffset=504");
            PortPlan plan = expected(504);
            assertTrue(free(plan.effective("jmx-rmi-registry"), Protocol.TCP));
            assertTrue(free(plan.effective("jmx-rmi-server"), Protocol.TCP));
            assertFalse(free(plan.effective("https"), Protocol.TCP));
        }
    }

    @Test
    void aThirdStartAtATakenOffsetFailsNamingThePortAndItsHolder() throws Exception {
        Path home = Instances.newHome(dir, "first", TOML);
        Path other = Instances.newHome(dir, "second", TOML);
        try (Instances instances = new Instances()) {
            Process first = instances.startReady(home, "-DportOffset=505");
            Process second = instances.start(other, "-DportOffset=505");
            assertNotEquals(0, Instances.awaitExit(second));
            String output = Instances.output(other);
            int https = expected(505).effective("https");
            // The host registry answers before any bind: it knows the holder by home, offset and pid.
            assertTrue(output.contains("berth: Port " + https + "/tcp (https) is held by Berth instance "
                    + home + " at offset 505 (pid " + first.pid() + ")"), output);
            assertEquals(1, output.lines().filter(line -> line.startsWith("berth: ")).count(), output);
            assertFalse(Files.exists(other.resolve("runtime/instance.json")), "the failed start left a runtime file");
            assertEquals(200, Instances.get(Instances.httpsClient(home), "https://localhost:" + https + "/api/health").statusCode());
        }
    }

    @Test
    void aSecondStartOfARunningHomeIsRefused() throws Exception {
        Path home = Instances.newHome(dir, "twice", TOML);
        try (Instances instances = new Instances()) {
            Process first = instances.startReady(home, "-DportOffset=506");
            Berth.Result again = Berth.run(home, "start", "-DportOffset=507");
            assertEquals(1, again.exitCode(), again.toString());
            assertTrue(again.err().contains("Berth is already running in " + home + " (pid " + first.pid() + ", offset 506)"),
                    again.toString());
            assertTrue(free(expected(507).effective("https"), Protocol.TCP));
        }
    }

    @Test
    void killMinusNineThenAnImmediateRestartAtTheSameOffsetSucceeds() throws Exception {
        Path home = Instances.newHome(dir, "killed", TOML);
        try (Instances instances = new Instances()) {
            Process killed = instances.startReady(home, "-DportOffset=508");
            killed.destroyForcibly();
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
            Berth.Result status = Berth.run(home, "status");
            assertEquals(3, status.exitCode(), status.toString());
            assertTrue(status.out().contains("stale runtime file of pid " + killed.pid()), status.out());
            JsonNode record = Instances.awaitRunning(home, instances.start(home, "-DportOffset=508"));
            assertEquals(508, record.get("ports").get("offset").asInt());
        }
    }

    @Test
    void stopReleasesEveryPort() throws Exception {
        Path home = Instances.newHome(dir, "stopped", TOML);
        try (Instances instances = new Instances()) {
            Process server = instances.startReady(home, "-DportOffset=509");
            Berth.Result status = Berth.run(home, "status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains("Berth is running in " + home + " (pid " + server.pid() + ")"), status.out());

            Berth.Result stop = Berth.run(home, "stop");
            assertEquals(0, stop.exitCode(), stop.toString());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            // A clean stop by SIGTERM exits 0 (not the JVM's 143), so a systemd unit needs no SuccessExitStatus.
            assertEquals(0, server.exitValue(), Instances.output(home));
            assertTrue(Instances.output(home).contains("Berth stopped; every port released"), Instances.output(home));
            for (PlannedPort port : served(509, false)) {
                for (Protocol protocol : port.definition().protocols()) {
                    assertTrue(free(port.effective(), protocol), port.id() + " " + protocol + " still held after stop");
                }
            }
            assertFalse(Files.exists(home.resolve("runtime/instance.json")));
            assertEquals(3, Berth.run(home, "status").exitCode());
            assertEquals(3, Berth.run(home, "stop").exitCode());
        }
    }

    @Test
    void anEndpointFailingAfterOthersBoundReleasesEveryPort() throws Exception {
        // A policy file the Thrift endpoint refuses makes it fail while the servlet transports, JMX, the
        // KDC and the cluster member start beside it on ports the preflight bound.
        Path home = Instances.newHome(dir, "failing", TOML + "[clustering]\nmembership_scheme = \"wka\"\n");
        Files.writeString(home.resolve("conf/entitlement-policies.toml"),
                "[[rule]]\nsubject = \"*\"\nresource = \"*\"\naction = \"*\"\neffect = \"Allow\"\n");
        try (Instances instances = new Instances()) {
            Process failing = instances.start(home, "-DportOffset=511");
            assertEquals(1, Instances.awaitExit(failing), Instances.output(home));
            String output = Instances.output(home);
            assertTrue(output.contains("entitlement-policies.toml: rule #1"), output);
            for (PlannedPort port : served(511, true)) {
                for (Protocol protocol : port.definition().protocols()) {
                    assertTrue(free(port.effective(), protocol), port.id() + " " + protocol + " still held after a failed start");
                }
            }
            assertFalse(Files.exists(home.resolve("runtime/instance.json")));
        }
    }

    @Test
    void theJvmsOwnJmxAgentIsReportedAsARandomListener() throws Exception {
        Path home = Instances.newHome(dir, "agent", TOML + "[monitoring.jmx]\nrmi_server_start = false\n");
        try (Instances instances = new Instances()) {
            instances.startReady(home, "-DportOffset=510", "-Dcom.sun.management.jmxremote");
            String banner = Instances.output(home);
            assertTrue(banner.lines().anyMatch(line -> line.matches("random  tcp \\S+:\\d+ \\(not declared in the registry\\)")),
                    banner);
            JsonNode ports = Instances.json(Instances.get(Instances.httpsClient(home),
                    "https://localhost:" + expected(510).effective("https") + "/api/ports").body());
            JsonNode random = ports.get("random");
            assertTrue(random.size() >= 1, ports.toString());
            assertEquals("tcp", random.get(0).get("protocol").asText());
            for (JsonNode listener : random) {
                assertTrue(expected(510).enabledPorts().stream().noneMatch(port -> port.effective() == listener.get("port").asInt()),
                        "a declared port was reported as random: " + listener);
            }
        }
    }

    /** Whether the port can be bound on loopback, as a user checking it would. */
    static boolean free(int port, Protocol protocol) {
        try {
            if (protocol == Protocol.TCP) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                }
            } else {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    socket.getLocalPort();
                }
            }
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
