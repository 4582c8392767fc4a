package io.berth.bench;

import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.BindAddress;
import io.berth.ports.PlannedPort;
import io.berth.ports.SocketBindings;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortProbe;
import io.berth.ports.SocketProbe;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.RegistryPortHolders;
import io.berth.server.lifecycle.PreflightSockets;
import io.berth.server.lifecycle.PortTakenException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PreflightSockets#preflight} as a default start runs it: every port the identity server serves
 * (https, http, both JMX ports, the KDC on tcp and udp, Thrift: seven sockets), bound on 127.0.0.1.
 *
 * <p>The ports are real, so they sit at a high offset, well above the offsets the tests use and below
 * the kernel's ephemeral range, checked free before the run. Every invocation's sockets are released
 * after it, outside the timing.
 */
@State(Scope.Thread)
// PreflightSockets logs through log4j-api, whose provider (log4j-core) only the CLI brings: name the API's
// own simple logger, rather than have it say at start-up, as an ERROR, that it found none.
@Fork(value = 2, jvmArgsAppend = "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PreflightBenchmark {

    /** 9443 + 15000 = 24443 up to 11111 + 15000 = 26111: clear of the tests (offsets < 4000) and of 32768 and up. */
    private static final int FIRST_OFFSET_TRIED = 15_000;
    private static final int OFFSETS_TRIED = 1_000;

    private SocketBindings loopback;
    private PortPlan plan;
    private List<String> servedIds;
    /** Only consulted when a port is taken, to name its holder; no Berth instance is looked up. */
    private RegistryPortHolders holders;
    private PreflightSockets held;

    @Setup(Level.Trial)
    public void pickFreeOffset() throws IOException {
        loopback = SocketBindings.uniform(BindAddress.resolve("127.0.0.1"), "127.0.0.1");
        PortLayout layout = InstanceLayout.IDENTITY_SERVER.layout();
        plan = freePlan(layout, new SocketProbe());
        servedIds = plan.enabledPorts().stream().map(PlannedPort::id).toList();
        // An empty registry of its own: only a taken port would make it look there.
        holders = new RegistryPortHolders(new HostRegistry(Files.createTempDirectory("berth-bench-registry")));
    }

    private static PortPlan freePlan(PortLayout layout, PortProbe probe) {
        for (int offset = FIRST_OFFSET_TRIED; offset < FIRST_OFFSET_TRIED + OFFSETS_TRIED; offset++) {
            PortPlan candidate = layout.at(Offset.of(offset, OffsetSource.OPTION));
            if (probe.allFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no offset in " + FIRST_OFFSET_TRIED + ".." + (FIRST_OFFSET_TRIED + OFFSETS_TRIED - 1)
                + " has every identity-server port free");
    }

    @Benchmark
    public PreflightSockets preflight() throws PortTakenException {
        held = PreflightSockets.preflight(plan, loopback, servedIds, holders);
        return held;
    }

    /**
     * Runs after every invocation, so the next one finds the ports free. A failed preflight has
     * released what it bound itself; a fork that dies releases everything with its process.
     */
    @TearDown(Level.Invocation)
    public void release() {
        if (held != null) {
            held.close();
            held = null;
        }
    }

    /** In case the last invocation's teardown did not run. */
    @TearDown(Level.Trial)
    public void releaseAtEnd() {
        release();
    }
}
