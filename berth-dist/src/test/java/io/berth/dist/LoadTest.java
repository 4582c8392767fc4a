package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /console and /api/ports under a bounded load over loopback (2 threads x 500 requests) while JMX is
 * polled and {@code berth status} runs in a loop: every answer 200, and the instance still stops
 * cleanly. Counts, never timings, are asserted. Offsets 5200..5299 belong to this class.
 */
class LoadTest {

    private static final int OFFSET = 5201;
    private static final int THREADS = 2;
    private static final int REQUESTS = 500;

    @TempDir
    Path dir;

    @Test
    void consoleAndPortsUnderLoadWhileJmxAndStatusPoll() throws Exception {
        Path home = Instances.newHome(dir, "load", "[server]\nhostname = \"localhost\"\n");
        PortPlan plan = PortLayout.allDefaults().at(Offset.of(OFFSET, OffsetSource.SYSTEM_PROPERTY));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
        try (Instances instances = new Instances()) {
            Process server = instances.start(home, "-DportOffset=" + OFFSET);
            JsonNode record = Instances.awaitRunning(home, server);
            HttpClient https = Instances.httpsClient(home);
            String base = "https://localhost:" + plan.effective("https");
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            AtomicBoolean loading = new AtomicBoolean(true);

            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                load.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS; i++) {
                        String path = i % 2 == 0 ? "/console" : "/api/ports";
                        int code = Instances.get(https, base + path).statusCode();
                        if (code != 200) {
                            failures.merge(path + " " + code, 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            AtomicInteger jmxReads = new AtomicInteger();
            Future<?> jmx = pool.submit(() -> {
                try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(record.get("jmxServiceUrl").asText()))) {
                    ObjectName ports = new ObjectName("berth:type=Ports");
                    for (int i = 0; i < 2_000 && loading.get(); i++) {
                        assertEquals(OFFSET, connector.getMBeanServerConnection().getAttribute(ports, "Offset"));
                        jmxReads.incrementAndGet();
                        Thread.sleep(20);
                    }
                }
                return null;
            });
            List<Berth.Result> statuses = new ArrayList<>();
            Future<?> status = pool.submit(() -> {
                for (int i = 0; i < 30 && loading.get(); i++) {
                    statuses.add(Berth.run(home, "status"));
                }
                return null;
            });

            for (Future<?> loader : load) {
                loader.get(180, TimeUnit.SECONDS);
            }
            loading.set(false);
            jmx.get(60, TimeUnit.SECONDS);
            status.get(180, TimeUnit.SECONDS);

            assertEquals(Map.of(), new TreeMap<>(failures), "non-200 answers under load");
            assertTrue(jmxReads.get() > 0, "JMX was never read");
            assertTrue(!statuses.isEmpty(), "status never ran");
            for (Berth.Result result : statuses) {
                assertEquals(0, result.exitCode(), result.toString());
                assertTrue(result.out().contains("Berth is running in " + home), result.toString());
            }

            Berth.Result stop = Berth.run(home, "stop");
            assertEquals(0, stop.exitCode(), stop.toString());
            assertEquals(0, Instances.awaitExit(server), "a clean stop by SIGTERM exits 0\n" + Instances.output(home));
            assertTrue(Instances.output(home).contains("Berth stopped; every port released"), Instances.output(home));
            for (PlannedPort port : plan.enabledPorts()) {
                for (Protocol protocol : port.definition().protocols()) {
                    assertTrue(ServerLifecycleTest.free(port.effective(), protocol), port.id() + " still held after stop");
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
