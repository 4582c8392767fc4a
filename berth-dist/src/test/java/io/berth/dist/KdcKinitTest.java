package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.ports.Feature;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MIT Kerberos clients ({@code kinit}, {@code klist} from krb5-user) against the KDC of a running
 * instance at an offset: krb5.conf from {@code berth kdc krb5conf}, a principal from configuration and
 * one from {@code berth kdc add-principal}, tickets over UDP and over TCP, and a keytab.
 */
class KdcKinitTest {

    private static final String HOST = "127.0.0.1";
    private static final String REALM = "BERTH.IT";
    private static final String ALICE_PASSWORD = "alice-Secret-1";
    private static final String BOB_PASSWORD = "bob-Secret-2";

    @Test
    void kinitGetsTicketsOverUdpAndTcpWithPasswordsAndAKeytab(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("kinit") && onPath("klist"),
                "skipped: MIT Kerberos clients kinit and klist are not installed (apt-get install krb5-user)");
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.KDC);
        String config = """
                [server]
                hostname = "%s"

                [monitoring.jmx]
                rmi_server_start = false

                [entitlement.thrift]
                enable = false

                [kdc]
                realm = "%s"

                [[kdc.principals]]
                name = "alice"
                password = "%s"
                """.formatted(HOST, REALM, ALICE_PASSWORD);
        TestHome home = TestHome.copyOfDistribution(dir, "kdc").config(config);
        try (TestServer instance = TestServer.start(home)) {
            int offset = instance.offset();
            int kdcPort = Clusters.expected(offset, features).effective("kdc");
            assertEquals(kdcPort, instance.port("kdc"));

            Path udpConf = dir.resolve("krb5-udp.conf");
            Path tcpConf = dir.resolve("krb5-tcp.conf");
            Files.writeString(udpConf, ok(home.berth("kdc", "krb5conf")).out());
            Files.writeString(tcpConf, ok(home.berth("kdc", "krb5conf", "--tcp")).out());
            assertTrue(Files.readString(udpConf).contains("kdc = " + HOST + ":" + kdcPort), Files.readString(udpConf));
            assertTrue(Files.readString(tcpConf).contains("udp_preference_limit = 1"), Files.readString(tcpConf));

            CommandResult added = ok(home.berthWithInput(BOB_PASSWORD + "\n", "kdc", "add-principal", "bob"));
            assertTrue(added.out().contains("Created principal bob@" + REALM), added.toString());

            // MIT's trace names the transport of every answer: "from dgram" (UDP) or "from stream" (TCP).
            String dgram = "from dgram " + HOST + ":" + kdcPort;
            String stream = "from stream " + HOST + ":" + kdcPort;

            Kinit aliceUdp = kinit(dir, udpConf, "alice-udp", ALICE_PASSWORD, "alice");
            assertEquals(0, aliceUdp.exit(), aliceUdp.toString());
            assertTrue(aliceUdp.trace().contains(dgram) && !aliceUdp.trace().contains(stream), aliceUdp.trace());
            assertTicket(dir, aliceUdp.cache(), "alice@" + REALM);

            Kinit aliceTcp = kinit(dir, tcpConf, "alice-tcp", ALICE_PASSWORD, "alice");
            assertEquals(0, aliceTcp.exit(), aliceTcp.toString());
            assertTrue(aliceTcp.trace().contains(stream) && !aliceTcp.trace().contains(dgram), aliceTcp.trace());
            assertTicket(dir, aliceTcp.cache(), "alice@" + REALM);

            Kinit bobUdp = kinit(dir, udpConf, "bob-udp", BOB_PASSWORD, "bob");
            assertEquals(0, bobUdp.exit(), bobUdp.toString());
            assertTicket(dir, bobUdp.cache(), "bob@" + REALM);

            Kinit wrong = kinit(dir, tcpConf, "alice-wrong", "not-her-password", "alice");
            assertNotEquals(0, wrong.exit(), wrong.toString());
            assertFalse(Files.exists(wrong.cache()) && klist(dir, wrong.cache()).exit() == 0, "a ticket for a wrong password");

            Path keytab = dir.resolve("bob.keytab");
            ok(home.berth("kdc", "keytab", "bob", "--out", keytab.toString()));
            Kinit bobKeytab = kinit(dir, tcpConf, "bob-keytab", null, "-k", "-t", keytab.toString(), "bob");
            assertEquals(0, bobKeytab.exit(), bobKeytab.toString());
            assertTrue(bobKeytab.trace().contains(stream), bobKeytab.trace());
            assertTicket(dir, bobKeytab.cache(), "bob@" + REALM);
        }
    }

    private static CommandResult ok(CommandResult result) {
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    record Kinit(int exit, String output, String trace, Path cache) {
    }

    /** Runs kinit with its own krb5.conf, credential cache and trace file; {@code password} goes to stdin. */
    private static Kinit kinit(Path dir, Path krb5conf, String name, String password, String... args) throws Exception {
        Path cache = dir.resolve("cc-" + name);
        Path trace = dir.resolve("trace-" + name);
        List<String> command = new ArrayList<>(List.of("kinit"));
        command.addAll(List.of(args));
        Tool result = run(command, Map.of("KRB5_CONFIG", krb5conf.toString(), "KRB5CCNAME", "FILE:" + cache,
                "KRB5_TRACE", trace.toString()), password == null ? null : password + "\n");
        String traced = Files.exists(trace) ? Files.readString(trace) : "";
        return new Kinit(result.exit(), result.output(), traced, cache);
    }

    private static void assertTicket(Path dir, Path cache, String principal) throws Exception {
        Tool klist = klist(dir, cache);
        assertEquals(0, klist.exit(), klist.output());
        assertTrue(klist.output().contains("Default principal: " + principal), klist.output());
        assertTrue(klist.output().contains("krbtgt/" + REALM + "@" + REALM), klist.output());
    }

    private static Tool klist(Path dir, Path cache) throws Exception {
        return run(List.of("klist", "-c", "FILE:" + cache), Map.of("KRB5_CONFIG", dir.resolve("krb5-udp.conf").toString()), null);
    }

    record Tool(int exit, String output) {
    }

    private static Tool run(List<String> command, Map<String, String> env, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " did not finish in 60 s");
            }
            return new Tool(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private static boolean onPath(String tool) throws IOException {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }
}
