package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth host} against a WSO2-shaped Java process: started with {@code -Dcarbon.home} of an
 * Identity Server home and {@code -DportOffset}, it listens on its https port and on a member port one
 * above the configured one, as Hazelcast does when the configured one is taken, and not on http.
 */
class HostCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A process that listens on each port given, then waits to be killed. */
    private static final String FAKE_CARBON = """
            import java.net.InetSocketAddress;
            import java.net.ServerSocket;
            import java.util.ArrayList;
            import java.util.List;

            public class FakeCarbon {
                public static void main(String[] args) throws Exception {
                    List<ServerSocket> held = new ArrayList<>();
                    for (String port : args) {
                        ServerSocket socket = new ServerSocket();
                        socket.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)));
                        held.add(socket);
                    }
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void attributesAWso2ProcessAndFlagsItsDrift() throws Exception {
        int offset = freeOffset();
        int memberPort = freePair();
        Path home = dir.resolve("wso2is-7.0.0");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/wso2server.sh"), "#!/bin/sh\n");
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("repository/conf/deployment.toml"),
                "[clustering]\nmembership_scheme = \"wka\"\nlocal_member_port = " + memberPort + "\n");
        Path source = dir.resolve("FakeCarbon.java");
        Files.writeString(source, FAKE_CARBON);
        int https = 9443 + offset;
        int moved = memberPort + 1;
        Process fake = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcarbon.home=" + home, "-DportOffset=" + offset, source.toString(),
                Integer.toString(https), Integer.toString(moved)).redirectErrorStream(true).start();
        try {
            awaitListening(https, fake);
            awaitListening(moved, fake);
            CommandResult result = TestHome.distribution().berth("host", "--format", "json");
            assertEquals(1, result.exitCode(), "drift exits 1\n" + result);
            JsonNode report = JSON.readTree(result.out());
            JsonNode httpsRow = row(report.get("sockets"), https, fake.pid());
            assertEquals("wso2", httpsRow.get("owner").asText(), httpsRow.toString());
            assertEquals("https", httpsRow.get("portId").asText());
            assertEquals(home.toString(), httpsRow.get("home").asText());
            assertEquals(offset, httpsRow.get("offset").asInt());
            assertTrue(httpsRow.get("product").asText().startsWith("WSO2 Identity Server 7.x 7.0.0"), httpsRow.toString());
            JsonNode movedRow = row(report.get("sockets"), moved, fake.pid());
            assertTrue(movedRow.get("drift").asText().contains("Hazelcast moved the member port from " + memberPort + " to " + moved),
                    movedRow.toString());
            List<String> missing = new ArrayList<>();
            report.get("missing").forEach(each -> {
                if (each.get("pid").asLong() == fake.pid()) {
                    missing.add(each.get("portId").asText() + " " + each.get("port").asInt());
                }
            });
            assertEquals(List.of("http " + (9763 + offset), "cluster-wka " + memberPort), missing);
        } finally {
            fake.destroyForcibly();
            fake.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A Streaming Integrator (its offset in conf/server/deployment.yaml) and an Enterprise Integrator broker profile
     * (run by WSO2's scripts with the profile's directory as carbon.home, its offset in its own carbon.xml): each
     * socket is attributed to the home and to the catalogue port its own file puts there.
     */
    @Test
    void attributesCarbon5AndEnterpriseIntegratorProfileProcesses() throws Exception {
        int siOffset = freeOffset(9090);
        Path si = dir.resolve("wso2si-4.2.0");
        Files.createDirectories(si.resolve("bin"));
        Files.writeString(si.resolve("bin/server.sh"), "#!/bin/sh\n");
        Files.createDirectories(si.resolve("conf/server"));
        Files.writeString(si.resolve("conf/server/deployment.yaml"), "wso2.carbon:\n  ports:\n    offset: " + siOffset
                + "\nwso2.transport.http:\n  listenerConfigurations:\n    - id: \"default\"\n      port: 9090\n");
        int brokerOffset = freeOffset(9443);
        Path ei = dir.resolve("wso2ei-6.6.0");
        Files.createDirectories(ei.resolve("bin"));
        Files.writeString(ei.resolve("bin/integrator.sh"), "#!/bin/sh\n");
        Files.createDirectories(ei.resolve("conf"));
        Files.writeString(ei.resolve("conf/carbon.xml"), "<Server><Ports><Offset>0</Offset></Ports></Server>\n");
        Path broker = ei.resolve("wso2/broker");
        Files.createDirectories(broker.resolve("conf"));
        Files.writeString(broker.resolve("conf/carbon.xml"), "<Server xmlns=\"http://wso2.org/projects/carbon/carbon.xml\">"
                + "<Ports><Offset>" + brokerOffset + "</Offset></Ports></Server>\n");
        Path source = dir.resolve("FakeCarbon.java");
        Files.writeString(source, FAKE_CARBON);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int siHttp = 9090 + siOffset;
        int brokerHttps = 9443 + brokerOffset;
        Process siProcess = new ProcessBuilder(java, "-Dcarbon.home=" + si, source.toString(), Integer.toString(siHttp))
                .redirectErrorStream(true).start();
        Process brokerProcess = new ProcessBuilder(java, "-Dcarbon.home=" + broker, source.toString(),
                Integer.toString(brokerHttps)).redirectErrorStream(true).start();
        try {
            awaitListening(siHttp, siProcess);
            awaitListening(brokerHttps, brokerProcess);
            CommandResult result = TestHome.distribution().berth("host", "--format", "json");
            assertTrue(result.exitCode() == 0 || result.exitCode() == 1, result.toString());
            JsonNode sockets = JSON.readTree(result.out()).get("sockets");
            JsonNode siRow = row(sockets, siHttp, siProcess.pid());
            assertEquals("wso2", siRow.get("owner").asText(), siRow.toString());
            assertEquals("http", siRow.get("portId").asText(), siRow.toString());
            assertEquals(siOffset, siRow.get("offset").asInt(), siRow.toString());
            assertTrue(siRow.get("product").asText().startsWith("WSO2 Streaming Integrator 4.2.0"), siRow.toString());
            JsonNode brokerRow = row(sockets, brokerHttps, brokerProcess.pid());
            assertEquals("wso2", brokerRow.get("owner").asText(), brokerRow.toString());
            assertEquals("broker-https", brokerRow.get("portId").asText(), brokerRow.toString());
            assertTrue(brokerRow.get("product").asText().startsWith("WSO2 Enterprise Integrator 6.x"), brokerRow.toString());
            assertTrue(brokerRow.get("product").asText().contains("wso2/broker is a profile of the home"), brokerRow.toString());
        } finally {
            for (Process process : List.of(siProcess, brokerProcess)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** An offset at which {@code base + offset} is free now. */
    private static int freeOffset(int base) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20000, 40000);
            if (free(base + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free offset found");
    }

    private static JsonNode row(JsonNode rows, int port, long pid) {
        for (JsonNode row : rows) {
            if (row.get("port").asInt() == port && row.get("pid") != null && row.get("pid").asLong() == pid) {
                return row;
            }
        }
        throw new AssertionError("no row for port " + port + " of pid " + pid + " in " + rows);
    }

    /** An offset at which https and http are free now: the neighbours' instances use low offsets. */
    private static int freeOffset() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20000, 40000);
            if (free(9443 + offset) && free(9763 + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free offset found");
    }

    /** A member port that is free, with the port above it free too. */
    private static int freePair() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(50000, 60000);
            if (free(port) && free(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free pair found");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static void awaitListening(int port, Process process) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!process.isAlive()) {
                throw new AssertionError("the fake process exited: " + new String(process.getInputStream().readAllBytes()));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on " + port + " after 60 s");
    }
}
