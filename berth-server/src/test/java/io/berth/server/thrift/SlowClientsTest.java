package io.berth.server.thrift;

import static io.berth.server.thrift.XacmlRequests.request;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds of the repro scripts 06 (silent connections) and rt-03 (connections that send a byte
 * now and then) against the Thrift port: a real client is served while they are open, and each
 * one is cut off at the deadline of the whole handshake or request, which a per-read timeout never
 * reaches while bytes keep coming.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {
    private static final int MAX_CONNECTIONS = 8;
    /** Far longer than the test: only the whole-phase deadlines can end a trickling connection. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration HANDSHAKE = Duration.ofSeconds(2);
    private static final Duration REQUEST = Duration.ofSeconds(3);
    /** How long a test waits for the server to act before it fails; not a measure of speed. */
    private static final int PATIENCE_MILLIS = 60_000;

    private EntitlementFixture service;
    private final ExecutorService trickle = Executors.newCachedThreadPool();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        ThriftEntitlementSettings settings = ThriftEntitlementSettings.defaults()
                .withMaxConnections(MAX_CONNECTIONS)
                .withConnectionTimeouts(READ_TIMEOUT, HANDSHAKE, REQUEST)
                .withPasswordIterations(20_000);
        service = EntitlementFixture.start(dir, ThriftEntitlementEndpointTest.POLICIES, settings, Clock.systemUTC());
    }

    @AfterAll
    void stop() throws Exception {
        trickle.shutdownNow();
        service.close();
    }

    private void assertServed() throws Exception {
        try (ThriftTestClient client = service.client()) {
            String response = client.entitlement.getDecision(request("alice", "/orders/1", "read"), service.login());
            assertTrue(response.contains("<Decision>Permit</Decision>"), response);
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", service.thriftPort());
        s.setSoTimeout(PATIENCE_MILLIS);
        return s;
    }

    /** Blocks until the server closes {@code socket}; fails if it has not within the patience. */
    private static void awaitClosedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // a TLS alert may come first
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + PATIENCE_MILLIS + " ms", e);
        } catch (SocketException e) {
            // reset by the server: closed as well
        }
    }

    /** Sends one byte every 200 ms until the connection fails: always active for a per-read timeout. */
    private Future<?> trickle(OutputStream out, byte[] bytes) {
        return trickle.submit(() -> {
            for (int i = 0; ; i++) {
                out.write(bytes[i % bytes.length]);
                out.flush();
                Thread.sleep(200);
            }
        });
    }

    @Test
    void silentConnectionsBeyondTheCapCannotLockARealClientOut() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 5 * MAX_CONNECTIONS; i++) {
                silent.add(open()); // never send a ClientHello
            }
            assertServed();
            assertServed();
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    @Test
    void aHandshakeThatTricklesIsCutOffAtItsDeadline() throws Exception {
        List<Socket> slow = new ArrayList<>();
        List<Future<?>> senders = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS - 2; i++) {
                Socket s = open();
                slow.add(s);
                // A TLS record header announcing 512 bytes, then more of the same, a byte at a time.
                senders.add(trickle(s.getOutputStream(), new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}));
            }
            assertServed();
            for (Socket s : slow) {
                awaitClosedByServer(s);
            }
            assertServed();
        } finally {
            senders.forEach(f -> f.cancel(true));
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aRequestThatTricklesIsCutOffAtItsDeadline() throws Exception {
        SSLSocket tls = (SSLSocket) service.tls.client.getSocketFactory()
                .createSocket("127.0.0.1", service.thriftPort());
        tls.setSoTimeout(PATIENCE_MILLIS);
        tls.startHandshake();
        // The start of a strict binary-protocol CALL of getDecision, a byte at a time, never finished.
        byte[] call = {(byte) 0x80, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0b,
                'g', 'e', 't', 'D', 'e', 'c', 'i', 's', 'i', 'o', 'n', 0, 0, 0, 1, 0x0b, 0, 1, 0, 0, 0x7f, 0};
        Future<?> sender = trickle.submit(() -> {
            OutputStream out = tls.getOutputStream();
            for (byte b : call) {
                out.write(b);
                out.flush();
                Thread.sleep(200);
            }
            Thread.sleep(PATIENCE_MILLIS);
            return null;
        });
        try {
            assertServed();
            awaitClosedByServer(tls);
            assertServed();
        } finally {
            sender.cancel(true);
            tls.close();
        }
        trickle.awaitTermination(0, TimeUnit.MILLISECONDS);
    }
}
