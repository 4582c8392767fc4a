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
import io.berth.ports.SocketProbe;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * running instance, kill -9 and restart, stop. Every start takes its offset from {@code auto}.
 */
class ServerLifecycleTest {

    private static final String TOML = "[server]\nhostname = \"localhost\"\n";

    @TempDir
    Path dir;

    private static PortPlan expected(int offset) {
        return PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.SYSTEM_PROPERTY));
    }

    private TestHome home(String name, String toml) throws Exception {
        return TestHome.copyOfDistribution(dir, name).config(toml);
    }

    @Test
    void twoInstancesSideBySideServeTheirOwnPorts() throws Exception {
        try (TestServer a = TestServer.start(home("a", TOML)); TestServer b = TestServer.start(home("b", TOML))) {
            assertNotEquals(a.offset(), b.offset());
            for (TestServer server : List.of(a, b)) {
                int offset = server.offset();
                PortPlan plan = expected(offset);
                assertEquals(plan.effective("https"), server.port("https"));
                HttpResponse<String> console = server.request("/console");
                assertEquals(200, console.statusCode());
                assertTrue(console.body().contains(offset + " (auto, system property portOffset)"), console.body());
                HttpResponse<String> carbon = server.request("/carbon");
                assertEquals(302, carbon.statusCode());
                assertEquals("/console", java.net.URI.create(carbon.headers().firstValue("location").orElseThrow()).getPath());

                JsonNode ports = server.getJson("/api/ports");
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
                assertEquals("UP", server.getJson("/api/health").get("status").asText());
                assertOpensslVerifies(server.home(), plan.effective("https"));
            }
        }
    }

    /** {@code openssl s_client} completes a verified handshake against the instance's own certificate. */
    private void assertOpensslVerifies(TestHome home, int port) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-CAfile", home.caPem().toString(), "-verify_return_error", "-brief")
                .redirectErrorStream(true).start();
        openssl.getOutputStream().close();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, openssl.exitValue(), output);
        assertTrue(output.contains("Verification: OK"), output);
    }

    @Test
    void jmxClientReadsThePortsMBeanThroughTheRegistryPort() throws Exception {
        try (TestServer server = TestServer.start(home("jmx", TOML))) {
            int offset = server.offset();
            PortPlan plan = expected(offset);
            String url = server.jmxServiceUrl();
            assertEquals("service:jmx:rmi://localhost:" + plan.effective("jmx-rmi-server") + "/jndi/rmi://localhost:"
                    + plan.effective("jmx-rmi-registry") + "/jmxrmi", url);
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url), JmxClient.environment(server.home()))) {
                MBeanServerConnection mbeans = connector.getMBeanServerConnection();
                ObjectName ports = new ObjectName("berth:type=Ports");
                assertEquals(offset, mbeans.getAttribute(ports, "Offset"));
                assertEquals("system property portOffset", mbeans.getAttribute(ports, "OffsetSource"));
                String[] table = (String[]) mbeans.getAttribute(ports, "PortTable");
                assertTrue(table[0].startsWith("https 9443 -> " + plan.effective("https") + " tcp applied bound"), table[0]);
            }
        }
    }

    @Test
    void jmxSwitchedOffOpensNeitherPort() throws Exception {
        try (TestServer server = TestServer.start(home("nojmx", TOML + "[monitoring.jmx]\nrmi_server_start = false\n"))) {
            assertEquals(List.of("http", "https", "kdc", "thrift-entitlement"),
                    server.held().stream().map(port -> port.id()).distinct().sorted().toList(), "the ports it reserved");
            JsonNode ports = server.getJson("/api/ports");
            for (JsonNode port : ports.get("ports")) {
                if (port.get("id").asText().startsWith("jmx")) {
                    assertFalse(port.get("bound").asBoolean(), port.toString());
                }
            }
            assertFalse(new SocketProbe().isFree(server.port("https"), Protocol.TCP));
        }
    }

    @Test
    void aThirdStartAtATakenOffsetFailsNamingThePortAndItsHolder() throws Exception {
        TestHome other = home("second", TOML);
        try (TestServer first = TestServer.start(home("first", TOML))) {
            int offset = first.offset();
            try (TestServer second = TestServer.launch(other, "-DportOffset=" + offset)) {
                assertNotEquals(0, second.awaitExit(), second.output());
                String output = second.output();
                int https = expected(offset).effective("https");
                // The host registry answers before any bind: it knows the holder by home, offset and pid.
                assertTrue(output.contains("berth: Port " + https + "/tcp (https) is held by Berth instance "
                        + first.home() + " at offset " + offset + " (pid " + first.pid() + ")"), output);
                assertEquals(1, output.lines().filter(line -> line.startsWith("berth: ")).count(), output);
            }
            assertFalse(Files.exists(other.resolve("runtime/instance.json")), "the failed start left a runtime file");
            assertEquals(200, first.request("/api/health").statusCode());
        }
    }

    @Test
    void aSecondStartOfARunningHomeIsRefused() throws Exception {
        TestHome home = home("twice", TOML);
        try (TestServer first = TestServer.start(home)) {
            CommandResult again = home.berth("start", "-DportOffset=auto");
            assertEquals(1, again.exitCode(), again.toString());
            assertTrue(again.err().contains("Berth is already running in " + home + " (pid " + first.pid() + ", offset "
                    + first.offset() + ")"), again.toString());
            JsonNode instances = home.berth("instances", "--format", "json").json().get("instances");
            assertEquals(1, instances.findValues("home").stream().filter(h -> h.asText().equals(home.toString())).count(),
                    "the refused start reserved nothing: " + instances);
        }
    }

    /** In a network namespace of its own: on this host a neighbour's {@code auto} would take the freed offset first. */
    @Test
    void killMinusNineThenAnImmediateRestartAtTheSameOffsetSucceeds() throws Exception {
        String reason = NetNamespaces.unavailableReason();
        assumeTrue(reason == null, () -> "skipped: cannot create a network namespace: " + reason);
        try (NetNamespaces net = NetNamespaces.isolated(dir)) {
            TestHome home = home("killed", TOML).on(net.a());
            int offset;
            long killedPid;
            try (TestServer killed = TestServer.start(home)) {
                offset = killed.offset();
                killedPid = killed.pid();
                killed.kill();
            }
            CommandResult status = home.berth("status");
            assertEquals(3, status.exitCode(), status.toString());
            assertTrue(status.out().contains("stale runtime file of pid " + killedPid), status.out());
            try (TestServer restarted = TestServer.start(home, "-DportOffset=" + offset)) {
                assertEquals(offset, restarted.runtimeRecord().get("ports").get("offset").asInt());
            }
        }
    }

    @Test
    void stopReleasesEveryPort() throws Exception {
        TestHome home = home("stopped", TOML);
        try (TestServer server = TestServer.start(home)) {
            CommandResult status = home.berth("status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains("Berth is running in " + home + " (pid " + server.pid() + ")"), status.out());

            CommandResult stop = home.berth("stop");
            assertEquals(0, stop.exitCode(), stop.toString());
            // A clean stop by SIGTERM exits 0 (not the JVM's 143), so a systemd unit needs no SuccessExitStatus.
            assertEquals(0, server.awaitExit(), server.output());
            assertTrue(server.output().contains("Berth stopped; every port released"), server.output());
            server.assertReleased("after stop");
            assertFalse(Files.exists(home.resolve("runtime/instance.json")));
            assertEquals(3, home.berth("status").exitCode());
            assertEquals(3, home.berth("stop").exitCode());
        }
    }

    @Test
    void anEndpointFailingAfterOthersBoundReleasesEveryPort() throws Exception {
        // A policy file the Thrift endpoint refuses makes it fail while the servlet transports, JMX, the
        // KDC and the cluster member start beside it on ports the preflight bound.
        TestHome home = home("failing", TOML + "[clustering]\nmembership_scheme = \"wka\"\n");
        Files.writeString(home.resolve("conf/entitlement-policies.toml"),
                "[[rule]]\nsubject = \"*\"\nresource = \"*\"\naction = \"*\"\neffect = \"Allow\"\n");
        try (TestServer failing = TestServer.launchUntil(home, "entitlement-policies.toml: rule #1")) {
            assertEquals(1, failing.awaitExit(), failing.output());
            failing.assertReleased("after a failed start");
            assertFalse(Files.exists(home.resolve("runtime/instance.json")));
        }
    }

    @Test
    void theJvmsOwnJmxAgentIsReportedAsARandomListener() throws Exception {
        TestHome home = home("agent", TOML + "[monitoring.jmx]\nrmi_server_start = false\n");
        try (TestServer server = TestServer.start(home, "-Dcom.sun.management.jmxremote")) {
            String banner = server.output();
            assertTrue(banner.lines().anyMatch(line -> line.matches("random  tcp \\S+:\\d+ \\(not declared in the registry\\)")),
                    banner);
            JsonNode ports = server.getJson("/api/ports");
            JsonNode random = ports.get("random");
            assertTrue(random.size() >= 1, ports.toString());
            assertEquals("tcp", random.get(0).get("protocol").asText());
            for (JsonNode listener : random) {
                assertTrue(expected(server.offset()).enabledPorts().stream().noneMatch(port -> port.effective() == listener.get("port").asInt()),
                        "a declared port was reported as random: " + listener);
            }
        }
    }
}
