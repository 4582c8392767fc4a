package io.berth.bench;

import io.berth.ports.BindAddress;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.PortProbe;
import io.berth.ports.RequestedOffset;
import io.berth.ports.SocketBindings;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.Reservation;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host registry's critical section as a start goes through it: {@link HostRegistry#reserve} of an
 * identity-server instance (seven sockets) while {@code others} instances already hold claims in the registry,
 * then {@link Reservation#close()}. Under the per-port locks a reservation lists the claims of its ports, checks
 * them and creates its own; outside them it plans (for {@code auto}) and writes its entry. So each invocation is
 * an upper bound of the time a lock is held, with the registry as full as a density run makes it.
 *
 * <p>The probe answers "free" without binding: probing is outside the lock and not what is measured here.
 * The registry is a private directory of the benchmark's own.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HostRegistryBenchmark {

    private static final PortProbe FREE = (port, protocol) -> true;
    private static final SocketBindings LOOPBACK = SocketBindings.uniform(
            new BindAddress("127.0.0.1", List.of(InetAddress.getLoopbackAddress())), "127.0.0.1");
    private static final RequestedOffset AUTO = RequestedOffset.parse(new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, "auto"));
    private static final RequestedOffset STATED = RequestedOffset.parse(new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, "0"));

    /** Instances already in the registry: none, a density run of 40, a run of 100. */
    @Param({"0", "40", "100"})
    int others;

    private Path directory;
    private HostRegistry registry;
    private PortLayout layout;
    private final List<Reservation> held = new ArrayList<>();
    private Reservation reserved;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        directory = Files.createTempDirectory("berth-bench-host-registry");
        registry = new HostRegistry(directory);
        layout = InstanceLayout.IDENTITY_SERVER.layout();
        // Offsets 1..others, so offset 0 stays free for the stated reservation and auto finds 0 at once.
        for (int i = 1; i <= others; i++) {
            RequestedOffset offset = RequestedOffset.parse(new OffsetSetting(OffsetSource.OPTION, Integer.toString(i)));
            held.add(registry.reserve(directory.resolve("other-" + i), layout, offset, LOOPBACK, FREE));
        }
    }

    @Benchmark
    public Reservation statedOffset() throws Exception {
        reserved = registry.reserve(directory.resolve("measured"), layout, STATED, LOOPBACK, FREE);
        return reserved;
    }

    @Benchmark
    public Reservation autoOffset() throws Exception {
        reserved = registry.reserve(directory.resolve("measured"), layout, AUTO, LOOPBACK, FREE);
        return reserved;
    }

    @TearDown(Level.Invocation)
    public void release() {
        if (reserved != null) {
            reserved.close();
            reserved = null;
        }
    }

    @TearDown(Level.Trial)
    public void empty() throws IOException {
        held.forEach(Reservation::close);
        held.clear();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
