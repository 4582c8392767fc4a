package io.berth.server.lifecycle;

import io.berth.ports.PortPlan;
import io.berth.ports.SocketBindings;
import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.InstanceState;
import io.berth.server.host.ProcessIdentity;
import io.berth.server.host.RegistryPortHolders;
import io.berth.server.host.Reservation;
import io.berth.server.jmx.JmxCredentials;
import io.berth.server.report.ClusterReport;
import io.berth.server.report.PortReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One running Berth: preflight of every port, then every endpoint at once, all or nothing. The
 * runtime file tells client tools about it while it runs.
 */
public final class Instance {

    private static final Logger LOG = LogManager.getLogger(Instance.class);
    /**
     * How long a snapshot (and the port audit in it) may be reused: a busy {@code /api/ports} or console then
     * neither rereads /proc nor rebuilds the record on each request. A change of state is never delayed.
     */
    private static final long SNAPSHOT_TTL_MILLIS = 1000;
    /**
     * How long the endpoints together may take to start. Generous, because forty instances starting at once on
     * two cores take minutes, but bounded: an endpoint that hangs must not hold every port of the instance forever.
     */
    static final Duration ENDPOINT_START_BOUND = Duration.ofMinutes(5);

    private final Path home;
    private final PortPlan plan;
    private final SocketBindings bindings;
    private final String consoleUrl;
    private final String jmxServiceUrl;
    private final RuntimeFile runtimeFile;
    private final Reservation reservation;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<Endpoint> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** When this process started: the runtime file's {@code startedAt}, which tells this process from a later one with its pid. */
    private final Instant startedAt = Instant.ofEpochMilli(ProcessIdentity.current().startMillis());

    private volatile InstanceState state = InstanceState.STARTING;
    private boolean startCalled;
    private volatile boolean stopRequested;
    private volatile Snapshot latest;
    private volatile Supplier<ClusterReport> cluster = () -> null;
    private HomeLock lock;
    private PreflightSockets registry;
    private BaseWatch baseWatch;

    /**
     * @param reservation   the instance's entry and claims in the host registry, with its plan; the instance owns
     *                      it from now on: it records the instance's state there and closes it when it stops
     * @param bindings      where each port binds and what it advertises
     * @param consoleUrl    the console as clients open it, from the advertised address of {@code https}
     * @param jmxServiceUrl the JMX service URL clients use, or {@code null} when JMX is off
     */
    public Instance(Path home, Reservation reservation, SocketBindings bindings, String consoleUrl, String jmxServiceUrl) {
        this.home = home.toAbsolutePath().normalize();
        this.reservation = reservation;
        this.plan = reservation.plan();
        this.bindings = bindings;
        this.consoleUrl = consoleUrl;
        this.jmxServiceUrl = jmxServiceUrl;
        this.runtimeFile = new RuntimeFile(this.home);
    }

    /** Adds an endpoint; all endpoints start at once, and stop in the reverse of the order added. */
    public Instance with(Endpoint endpoint) {
        endpoints.add(endpoint);
        return this;
    }

    /** Where the snapshot finds the cluster, once a cluster endpoint is part of the instance. */
    public Instance withCluster(Supplier<ClusterReport> clusterView) {
        this.cluster = clusterView;
        return this;
    }

    public Path home() {
        return home;
    }

    /**
     * Locks the home, binds every served port at preflight, then starts every endpoint at once. On any
     * failure everything already bound is released before the exception leaves.
     *
     * @throws AlreadyRunningException when an instance of this home runs
     * @throws PortTakenException      when a port is held by another process
     * @throws IllegalStateException   when start was called before: an instance starts once
     */
    public synchronized void start() throws Exception {
        if (startCalled) {
            throw new IllegalStateException("the instance of " + home + " was started before (it is " + state
                    + "); an instance starts once: make a new one");
        }
        startCalled = true;
        try {
            lock = HomeLock.tryAcquire(home).orElseThrow(() -> new AlreadyRunningException(alreadyRunning()));
            baseWatch = BaseWatch.start(home, this::baseGone);
            registry = PreflightSockets.preflight(plan, bindings, servedPortIds(), holders());
            runtimeFile.write(snapshot());
            startEndpoints(new PreflightContext(registry, home));
            if (stopRequested) {
                throw new IllegalStateException("stop requested while starting");
            }
            registry.close();
            state = InstanceState.RUNNING;
            InstanceRecord running = snapshot();
            // The banner first: whoever sees "running" in the runtime file can read the banner too.
            LOG.info(Banner.of(running, ManagementFactory.getRuntimeMXBean().getUptime()));
            runtimeFile.write(running);
            reservation.update(InstanceState.RUNNING, consoleUrl);
        } catch (Exception | Error e) {
            release();
            throw e;
        }
    }

    /**
     * Starts every endpoint at once, each on a thread of its own, and waits for all of them. Their ports
     * are already bound by the preflight, so no endpoint waits for another; what a user waits for is then
     * the slowest endpoint rather than the sum (Jetty, the JMX connector, the KDC, Thrift's TLS set-up and
     * a Hazelcast member each take tens to hundreds of milliseconds). If any fails, the first failure in
     * the order the endpoints were added is thrown, with the others suppressed in it.
     */
    private void startEndpoints(EndpointContext context) throws Exception {
        // Every endpoint counts as started: one that failed half-way must release what it took, too.
        started.addAll(endpoints);
        List<Thread> starters = new ArrayList<>();
        Throwable[] failures = new Throwable[endpoints.size()];
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            int index = i;
            Thread starter = new Thread(() -> {
                LOG.debug("Starting {} on {}", endpoint.name(), endpoint.portIds());
                try {
                    endpoint.start(context);
                } catch (Exception | Error e) {
                    failures[index] = e;
                }
            }, "berth-start-" + endpoint.name());
            starter.start();
            starters.add(starter);
        }
        // join() makes what each starter did, and its failure, visible here and to stop().
        long deadline = System.nanoTime() + ENDPOINT_START_BOUND.toNanos();
        for (int i = 0; i < starters.size(); i++) {
            Thread starter = starters.get(i);
            starter.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (starter.isAlive()) {
                starters.forEach(Thread::interrupt);
                throw new EndpointStartTimeoutException(endpoints.get(i).name() + " did not start within "
                        + ENDPOINT_START_BOUND.toSeconds() + " s; every port of the instance is released");
            }
        }
        Throwable first = null;
        for (Throwable failure : failures) {
            if (failure == null) {
                continue;
            }
            if (first == null) {
                first = failure;
            } else {
                first.addSuppressed(failure);
            }
        }
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw (Exception) first;
        }
    }

    private String alreadyRunning() {
        return runtimeFile.read()
                .map(record -> "Berth is already running in " + home + " (pid " + record.pid() + ", offset "
                        + record.ports().offset() + "); stop it with `berth stop`")
                .orElse("Berth is already running in " + home + "; stop it with `berth stop`");
    }

    /** Every port that an endpoint serves. Ports of features without an endpoint yet are not bound. */
    private Set<String> servedPortIds() {
        Set<String> ids = new LinkedHashSet<>();
        endpoints.forEach(endpoint -> ids.addAll(endpoint.portIds()));
        return ids;
    }

    /** Names a port's holder from the host registry and the kernel, never blaming this instance for itself. */
    private RegistryPortHolders holders() {
        return new RegistryPortHolders(HostRegistry.ofProcess(), reservation.entry().reservation());
    }

    /** Blocks until the instance has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops every endpoint, releases every port and removes the runtime file. Safe to call twice. */
    public void stop() {
        stopRequested = true;
        synchronized (this) {
            if (lock == null) {
                // Never started, or already stopped: nothing is held but the reservation, if start never ran.
                reservation.close();
                stopped.countDown();
                return;
            }
            LOG.info("Berth stopping");
            state = InstanceState.STOPPING;
            reservation.update(InstanceState.STOPPING, null);
            release();
            LOG.info("Berth stopped; every port released");
        }
    }

    /** The base was deleted (or moved) under the instance: with it went everything {@code berth stop} finds it by. */
    private void baseGone(String why) {
        LOG.warn("Berth stops itself: {}, so nothing else could stop it and its ports would stay held", why);
        stop();
    }

    private void release() {
        if (baseWatch != null) {
            baseWatch.close();
            baseWatch = null;
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            Endpoint endpoint = started.get(i);
            try {
                endpoint.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping {} failed: {}", endpoint.name(), e.getMessage());
            }
        }
        started.clear();
        if (registry != null) {
            registry.close();
        }
        if (lock != null) {
            try {
                runtimeFile.delete();
                lock.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Releasing {} failed: {}", home.resolve("runtime"), e.getMessage());
            }
            lock = null;
        }
        reservation.close();
        state = InstanceState.STOPPED;
        stopped.countDown();
    }

    /**
     * The instance as client tools see it: its current state, with a port audit and cluster view at most a
     * second old. The same record is returned until then, so callers may cache what they render from it.
     */
    public InstanceRecord snapshot() {
        Snapshot last = latest;
        long now = System.currentTimeMillis();
        InstanceState current = state;
        if (last != null && last.record().state() == current && now - last.takenAt() <= SNAPSHOT_TTL_MILLIS) {
            return last.record();
        }
        ListenerAudit audit = ListenerAudit.of(plan);
        InstanceRecord record = new InstanceRecord(ProcessHandle.current().pid(), home.toString(), current,
                startedAt.toString(), consoleUrl, jmxServiceUrl, jmxServiceUrl == null ? null : JmxCredentials.file(home).toString(),
                PortReport.running(plan, bindings, audit.boundAddresses(), audit.random()),
                current == InstanceState.RUNNING ? cluster.get() : null);
        latest = new Snapshot(record, now);
        return record;
    }

    /** A record and when it was taken. */
    private record Snapshot(InstanceRecord record, long takenAt) {
    }
}
