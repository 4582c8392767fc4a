package io.berth.server.kdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.endpoint.TestPreflight;
import io.berth.server.lifecycle.PreflightContext;
import io.berth.server.kdc.KdcTestSupport.Result;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 16.3: the KDC keeps answering MIT's kinit, over TCP and UDP, while hostile clients hold more connections than
 * it allows, trickle a request byte by byte, or send junk.
 */
class KdcUnderLoadTest {

    private static final String REALM = KdcSettings.DEFAULT_REALM;
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse battery staple";
    private static final KdcLimits TIGHT = new KdcLimits(4, Duration.ofSeconds(30), Duration.ofSeconds(1));

    @TempDir
    Path tmp;

    private PreflightContext context;
    private int kdcPort;
    private KdcEndpoint kdc;
    private final List<Socket> hostile = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        kdcPort = io.berth.server.endpoint.FreePorts.of(KdcEndpoint.PORT_ID);
        context = TestPreflight.of(KdcTestSupport.HOST, Map.of(KdcEndpoint.PORT_ID, kdcPort), home);
        kdc = new KdcEndpoint(new KdcSettings(null, List.of(new KdcSettings.PrincipalSpec(USER, PASSWORD)), null), TIGHT);
        kdc.start(context);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : hostile) {
            socket.close();
        }
        kdc.stop();
        context.close();
    }

    @Test
    void manyIdleConnectionsNeitherLockOutTcpNorStarveUdp() throws Exception {
        KdcTestSupport.assumeMitClient();
        for (int i = 0; i < 40; i++) {
            hostile.add(connect());
        }

        assertKinit(true);
        assertKinit(false);
    }

    @Test
    void aTricklingRequestIsCutOffAtItsDeadlineNotKeptAliveByEachByte() throws Exception {
        Socket trickler = connect();
        hostile.add(trickler);
        OutputStream out = trickler.getOutputStream();
        InputStream in = trickler.getInputStream();
        trickler.setSoTimeout(250);
        boolean closed = false;
        // One byte of a 1000-byte request every 250 ms: every read deadline would be met, the request's is not.
        byte[] request = {0, 0, 3, (byte) 0xe8};
        for (int i = 0; i < 200 && !closed; i++) {
            try {
                out.write(request[Math.min(i, 3)]);
                out.flush();
                closed = in.read() == -1;
            } catch (java.net.SocketTimeoutException stillOpen) {
                // the KDC waits for more
            } catch (java.io.IOException reset) {
                closed = true;
            }
        }
        assertTrue(closed, "the KDC kept a trickling connection open for 50 s");
    }

    @Test
    void junkOverTcpAndUdpIsDroppedAndRealClientsAreStillServed() throws Exception {
        KdcTestSupport.assumeMitClient();
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] junk = "GET / HTTP/1.0\r\n\r\n".getBytes();
            for (int i = 0; i < 50; i++) {
                udp.send(new DatagramPacket(junk, junk.length, new InetSocketAddress(KdcTestSupport.HOST, kdcPort)));
            }
        }
        for (int i = 0; i < 10; i++) {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(new byte[] {0, 0, 0, 8, 'n', 'o', 't', ' ', 'a', 's', 'n', '1'});
                socket.setSoTimeout(10_000);
                assertEquals(-1, socket.getInputStream().read(), "junk is answered by closing the connection");
            }
        }

        assertKinit(true);
        assertKinit(false);
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByName(KdcTestSupport.HOST), kdcPort), 5000);
        return socket;
    }

    private void assertKinit(boolean tcp) throws Exception {
        Path conf = tmp.resolve(tcp ? "krb5-tcp.conf" : "krb5-udp.conf");
        Files.writeString(conf, KdcAdmin.krb5conf(REALM, KdcTestSupport.HOST, kdcPort, tcp));
        Result kinit = KdcTestSupport.run(tmp, conf, tmp.resolve(tcp ? "cc-tcp" : "cc-udp"), PASSWORD + "\n",
                "kinit", USER + "@" + REALM);
        assertEquals(0, kinit.exit(), kinit::toString);
    }
}
