package io.berth.server.kdc;

import io.berth.ports.Protocol;
import io.berth.server.endpoint.FreePorts;
import io.berth.server.endpoint.TestPreflight;
import io.berth.server.lifecycle.PreflightContext;
import io.berth.server.lifecycle.PortTakenException;
import java.util.Map;
import io.berth.server.kdc.KdcTestSupport.Result;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessage;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KDC endpoint against MIT's real client tools and hand-built requests. */
class KdcEndpointTest {

    private static final String REALM = KdcSettings.DEFAULT_REALM;
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;

    private Path home;
    private PreflightContext context;
    private int kdcPort;
    private KdcEndpoint kdc;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        kdcPort = FreePorts.of(KdcEndpoint.PORT_ID);
        context = TestPreflight.of(KdcTestSupport.HOST, Map.of(KdcEndpoint.PORT_ID, kdcPort), home);
    }

    @AfterEach
    void tearDown() {
        if (kdc != null) {
            kdc.stop();
        }
        context.close();
    }

    private void startKdc() throws Exception {
        kdc = new KdcEndpoint(new KdcSettings(null,
                List.of(new KdcSettings.PrincipalSpec(USER, PASSWORD)), null));
        kdc.start(context);
    }

    private Path krb5conf(boolean preferTcp) throws Exception {
        Path conf = tmp.resolve(preferTcp ? "krb5-tcp.conf" : "krb5-udp.conf");
        Files.writeString(conf, KdcAdmin.krb5conf(REALM, KdcTestSupport.HOST, kdcPort, preferTcp));
        return conf;
    }

    private Result kinitWithPassword(Path conf, Path ccache, String password) throws Exception {
        return KdcTestSupport.run(tmp, conf, ccache, password + "\n", "kinit", USER + "@" + REALM);
    }

    private void assertTgtIn(Path conf, Path ccache, String principal) throws Exception {
        Result klist = KdcTestSupport.run(tmp, conf, ccache, null, "klist", "-e");
        assertEquals(0, klist.exit(), klist::toString);
        assertTrue(klist.out().contains("Default principal: " + principal), klist::toString);
        assertTrue(klist.out().contains("krbtgt/" + REALM + "@" + REALM), klist::toString);
        // klist -e prints "Etype (skey, tkt): <session key type>, <ticket key type>".
        assertTrue(klist.out().contains("Etype (skey, tkt): aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96"),
                klist::toString);
    }

    @Test
    void kinitWithPasswordOverUdp() throws Exception {
        KdcTestSupport.assumeMitClient();
        startKdc();
        Path conf = krb5conf(false);
        Path ccache = tmp.resolve("cc-udp");

        Result kinit = kinitWithPassword(conf, ccache, PASSWORD);

        assertEquals(0, kinit.exit(), kinit::toString);
        assertTrue(kinit.trace().contains("Sending initial UDP request to dgram " + KdcTestSupport.HOST
                + ":" + kdcPort), kinit::toString);
        assertFalse(kinit.trace().contains("TCP"), kinit::toString);
        assertTgtIn(conf, ccache, USER + "@" + REALM);
    }

    @Test
    void kinitWithPasswordOverTcp() throws Exception {
        KdcTestSupport.assumeMitClient();
        startKdc();
        Path conf = krb5conf(true);
        Path ccache = tmp.resolve("cc-tcp");

        Result kinit = kinitWithPassword(conf, ccache, PASSWORD);

        assertEquals(0, kinit.exit(), kinit::toString);
        assertTrue(kinit.trace().contains("Sending TCP request to stream " + KdcTestSupport.HOST
                + ":" + kdcPort), kinit::toString);
        assertFalse(kinit.trace().contains("UDP"), kinit::toString);
        assertTgtIn(conf, ccache, USER + "@" + REALM);
    }

    /**
     * 16.7: {@code kinit -R} renews a renewable TGT as MIT's KDC does: a new end time one lifetime from now,
     * and the same renew-till. (Kerby alone kept the old end time and cut renew-till down to it.)
     */
    @Test
    void kinitRenewExtendsTheTicketUpToItsRenewTill() throws Exception {
        KdcTestSupport.assumeMitClient();
        startKdc();
        Path conf = krb5conf(true);
        Path ccache = tmp.resolve("cc-renew");
        Result kinit = KdcTestSupport.run(tmp, conf, ccache, PASSWORD + "\n", "kinit", "-l", "1h", "-r", "3h", USER + "@" + REALM);
        assertEquals(0, kinit.exit(), kinit::toString);
        TgtTimes first = tgtTimes(conf, ccache);
        assertTrue(first.renewTill().isAfter(first.expires()), first.toString());

        Thread.sleep(2000); // klist shows whole seconds: let the renewed ticket start in a later one
        Result renew = KdcTestSupport.run(tmp, conf, ccache, null, "kinit", "-R");

        assertEquals(0, renew.exit(), renew::toString);
        TgtTimes renewed = tgtTimes(conf, ccache);
        assertTrue(renewed.expires().isAfter(first.expires()), "end time not extended: " + first + " -> " + renewed);
        assertEquals(java.time.Duration.between(first.start(), first.expires()),
                java.time.Duration.between(renewed.start(), renewed.expires()), first + " -> " + renewed);
        assertEquals(first.renewTill(), renewed.renewTill(), "renew-till changed: " + first + " -> " + renewed);
    }

    /** The TGT's times as klist prints them. */
    record TgtTimes(java.time.LocalDateTime start, java.time.LocalDateTime expires, java.time.LocalDateTime renewTill) {
    }

    private TgtTimes tgtTimes(Path conf, Path ccache) throws Exception {
        Result klist = KdcTestSupport.run(tmp, conf, ccache, null, "klist");
        assertEquals(0, klist.exit(), klist::toString);
        java.util.regex.Matcher ticket = java.util.regex.Pattern.compile(
                "(\\S+ \\S+)\\s+(\\S+ \\S+)\\s+krbtgt/\\S+\\s+renew until (\\S+ \\S+)").matcher(klist.out());
        assertTrue(ticket.find(), klist::toString);
        return new TgtTimes(klistTime(ticket.group(1)), klistTime(ticket.group(2)), klistTime(ticket.group(3)));
    }

    private static java.time.LocalDateTime klistTime(String text) {
        String pattern = text.indexOf(' ') == 8 ? "MM/dd/yy HH:mm:ss" : "MM/dd/yyyy HH:mm:ss";
        return java.time.LocalDateTime.parse(text, java.time.format.DateTimeFormatter.ofPattern(pattern));
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        KdcTestSupport.assumeMitClient();
        startKdc();

        Path conf = krb5conf(false);
        Path ccache = tmp.resolve("cc-bad");

        Result kinit = kinitWithPassword(conf, ccache, "not the password");

        assertNotEquals(0, kinit.exit(), kinit::toString);
        Result klist = KdcTestSupport.run(tmp, conf, ccache, null, "klist");
        assertNotEquals(0, klist.exit(), "no ticket may be cached after a wrong password: " + klist);
    }

    @Test
    void asReqWithoutPreauthenticationIsRefused() throws Exception {
        startKdc();
        InetSocketAddress kdcAddress = new InetSocketAddress(KdcTestSupport.HOST, kdcPort);

        // No padata at all (Kerby refuses this by default too).
        KrbMessage noPadata = RawAsReq.sendUdp(kdcAddress, RawAsReq.encode(USER, REALM, null));
        assertPreauthRequired(noPadata);

        // Padata without any proof of the password: Kerby alone would issue a ticket here.
        PaData pacOnly = new PaData();
        pacOnly.addElement(new PaDataEntry(PaDataType.PAC_REQUEST, new byte[] {0x30, 0x05, (byte) 0xa0, 0x03, 0x01, 0x01, (byte) 0xff}));
        assertPreauthRequired(RawAsReq.sendUdp(kdcAddress, RawAsReq.encode(USER, REALM, pacOnly)));
        assertPreauthRequired(RawAsReq.sendTcp(kdcAddress, RawAsReq.encode(USER, REALM, pacOnly)));
    }

    @Test
    void weakEnctypesAreNotSupported() throws Exception {
        startKdc();
        InetSocketAddress kdcAddress = new InetSocketAddress(KdcTestSupport.HOST, kdcPort);

        KrbMessage reply = RawAsReq.sendUdp(kdcAddress, RawAsReq.encode(USER, REALM, null,
                List.of(EncryptionType.DES3_CBC_SHA1_KD, EncryptionType.ARCFOUR_HMAC)));

        KrbError error = assertInstanceOf(KrbError.class, reply);
        assertEquals(KrbErrorCode.KDC_ERR_ETYPE_NOSUPP, error.getErrorCode());
    }

    private static void assertPreauthRequired(KrbMessage reply) {
        KrbError error = assertInstanceOf(KrbError.class, reply, "the KDC must not answer with a ticket");
        assertEquals(KrbErrorCode.KDC_ERR_PREAUTH_REQUIRED, error.getErrorCode());
    }

    @Test
    void exportedKeytabWorksWithKinit() throws Exception {
        KdcTestSupport.assumeMitClient();
        startKdc();
        // Added through the offline admin API while the KDC runs: the KDC must pick it up.
        KdcAdmin admin = new KdcAdmin(home, REALM);
        admin.addPrincipalWithRandomKey("svc/berth.test");
        Path keytab = tmp.resolve("out/svc.keytab");
        admin.exportKeytab("svc/berth.test", keytab);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keytab)));
        Path conf = krb5conf(false);
        Path ccache = tmp.resolve("cc-kt");
        String principal = "svc/berth.test@" + REALM;
        Result kinit = KdcTestSupport.run(tmp, conf, ccache, null, "kinit", "-k", "-t", keytab.toString(), principal);
        assertEquals(0, kinit.exit(), kinit::toString);
        assertTgtIn(conf, ccache, principal);
    }

    @Test
    void principalsAndKrbtgtSurviveRestart() throws Exception {
        KdcTestSupport.assumeMitClient();
        startKdc();
        new KdcAdmin(home, REALM).addPrincipalWithRandomKey("svc/berth.test");
        Path conf = krb5conf(false);
        Path ccache = tmp.resolve("cc-restart");
        Result kinit = kinitWithPassword(conf, ccache, PASSWORD);
        assertEquals(0, kinit.exit(), kinit::toString);

        kdc.stop();
        context = TestPreflight.of(KdcTestSupport.HOST, Map.of(KdcEndpoint.PORT_ID, kdcPort), home);
        startKdc();

        // A TGT issued before the restart is still accepted: the krbtgt key was persisted.
        Result kvno = KdcTestSupport.run(tmp, conf, ccache, null, "kvno", "svc/berth.test@" + REALM);
        assertEquals(0, kvno.exit(), kvno::toString);
        assertTrue(kvno.out().contains("kvno = 1"), kvno::toString);
        // And the password principal still exists with the same key.
        Result again = kinitWithPassword(conf, tmp.resolve("cc-restart-2"), PASSWORD);
        assertEquals(0, again.exit(), again::toString);
    }

    @Test
    void stopReleasesTcpAndUdpPort() throws Exception {
        startKdc();
        assertFalse(FreePorts.isFree(kdcPort, Protocol.TCP), "KDC should hold its TCP port while running");
        assertFalse(FreePorts.isFree(kdcPort, Protocol.UDP), "KDC should hold its UDP port while running");

        kdc.stop();
        kdc.stop(); // idempotent

        InetSocketAddress address = new InetSocketAddress(KdcTestSupport.HOST, kdcPort);
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(address);
        }
        try (DatagramSocket udp = new DatagramSocket(null)) {
            udp.bind(address);
        }
    }

    @Test
    void aTakenUdpPortStopsThePreflightAndLeavesTcpFree() throws Exception {
        context.close();
        InetSocketAddress address = new InetSocketAddress(KdcTestSupport.HOST, kdcPort);
        try (DatagramSocket squatter = new DatagramSocket(null)) {
            squatter.bind(address);
            PortTakenException e = assertThrows(PortTakenException.class,
                    () -> TestPreflight.of(KdcTestSupport.HOST, Map.of(KdcEndpoint.PORT_ID, kdcPort), home));
            assertTrue(e.getMessage().contains(kdcPort + "/udp (kdc) on " + KdcTestSupport.HOST), e.getMessage());
        }
        assertTrue(FreePorts.isFree(kdcPort, Protocol.TCP), "TCP must be released when UDP is taken");
    }
}
