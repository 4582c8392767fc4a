package io.berth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * cleanly. Counts, never timings, are asserted.
 */
class LoadTest {

    private static final int THREADS = 2;
    private static final int REQUESTS = 500;

    @TempDir
    Path dir;

    @Test
    void consoleAndPortsUnderLoadWhileJmxAndStatusPoll() throws Exception {
        TestHome home = TestHome.copyOfDistribution(dir, "load").config("[server]\nhostname = \"localhost\"\n");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
        try (TestServer server = TestServer.start(home)) {
            int offset = server.offset();
            String jmxUrl = server.jmxServiceUrl();
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            AtomicBoolean loading = new AtomicBoolean(true);

            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                load.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS; i++) {
                        String path = i % 2 == 0 ? "/console" : "/api/ports";
                        int code = server.request(path).statusCode();
                        if (code != 200) {
                            failures.merge(path + " " + code, 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            AtomicInteger jmxReads = new AtomicInteger();
            Future<?> jmx = pool.submit(() -> {
                try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(jmxUrl), JmxClient.environment(home))) {
                    ObjectName ports = new ObjectName("berth:type=Ports");
                    for (int i = 0; i < 2_000 && loading.get(); i++) {
                        assertEquals(offset, connector.getMBeanServerConnection().getAttribute(ports, "Offset"));
                        jmxReads.incrementAndGet();
                        Thread.sleep(20);
                    }
                }
                return null;
            });
            List<CommandResult> statuses = new ArrayList<>();
            Future<?> status = pool.submit(() -> {
                for (int i = 0; i < 30 && loading.get(); i++) {
                    statuses.add(home.berth("status"));
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
            for (CommandResult result : statuses) {
                assertEquals(0, result.exitCode(), result.toString());
                assertTrue(result.out().contains("Berth is running in " + home), result.toString());
            }

            CommandResult stop = home.berth("stop");
            assertEquals(0, stop.exitCode(), stop.toString());
            assertEquals(0, server.awaitExit(), "a clean stop by SIGTERM exits 0\n" + server.output());
            assertTrue(server.output().contains("Berth stopped; every port released"), server.output());
            server.assertReleased("after stop");
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
