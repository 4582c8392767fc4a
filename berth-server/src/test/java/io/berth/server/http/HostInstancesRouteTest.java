package io.berth.server.http;

import io.berth.server.endpoint.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.server.endpoint.TestPreflight;
import io.berth.server.lifecycle.PreflightContext;
import java.util.Map;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.security.KeyStores;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rt-07: {@code /api/instances} tells other bases' homes and pids only to the owner's own console on a
 * loopback bind; a 405 names the methods that are allowed.
 */
class HostInstancesRouteTest {

    @TempDir
    Path home;

    private ServletTransportEndpoint endpoint;
    private PreflightContext context;
    private int httpPort;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theOwnersConsoleOnLoopbackIsAnswered() throws Exception {
        start("127.0.0.1");

        HttpResponse<String> answer = get("127.0.0.1", "same-origin");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().startsWith("{\"instances\":["), answer.body());
    }

    @Test
    void aClientThatIsNotTheConsoleIsRefused() throws Exception {
        start("127.0.0.1");

        assertEquals(403, get("127.0.0.1", null).statusCode(), "curl-like client without Sec-Fetch-Site");
        assertEquals(403, get("127.0.0.1", "cross-site").statusCode(), "another site's page in the owner's browser");
    }

    @Test
    void anotherLocalUserIsRefusedEvenWithTheConsolesHeaders() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv"))
                && Files.isExecutable(Path.of("/usr/bin/curl")), "needs root, setpriv and curl to act as user nobody");
        start("127.0.0.1");

        Process curl = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Sec-Fetch-Site: same-origin",
                "http://127.0.0.1:" + httpPort + "/api/instances").redirectErrorStream(true).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertEquals("403", status);
    }

    @Test
    void offLoopbackTheRouteDoesNotExist() throws Exception {
        String address = nonLoopbackAddress();
        start(address);

        assertEquals(404, get(address, "same-origin").statusCode());
    }

    @Test
    void methodNotAllowedNamesTheAllowedMethods() throws Exception {
        start("127.0.0.1");

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/ports")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, answer.statusCode());
        assertEquals(Optional.of("GET, HEAD"), answer.headers().firstValue("Allow"));
    }

    private HttpResponse<String> get(String host, String fetchSite) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort + "/api/instances"));
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void start(String host) throws Exception {
        InstanceRecord record = new InstanceRecord(1, home.toString(), io.berth.server.host.InstanceState.RUNNING, "2026-01-01T00:00:00Z",
                "https://" + host + "/console", null, null, null, null);
        endpoint = new ServletTransportEndpoint(KeyStores.load(Optional.empty(), home, host), false,
                new Http2Settings(false, false), () -> record,
                new InstanceInfo.Configured("carbon", "BERTH.LOCAL"));
        httpPort = FreePorts.onHost(host);
        context = TestPreflight.of(host, Map.of(ServletTransportEndpoint.HTTPS, FreePorts.onHost(host),
                ServletTransportEndpoint.HTTP, httpPort), home);
        endpoint.start(context);
    }

    /** A port the kernel just handed out on {@code host}: free now, for the preflight to take. */
    private static String nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        assumeTrue(false, "this host has no non-loopback IPv4 address");
        return null;
    }
}
