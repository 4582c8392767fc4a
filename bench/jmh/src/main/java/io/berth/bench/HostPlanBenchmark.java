package io.berth.bench;

import io.berth.ports.InvalidOffsetException;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.PortProbe;
import io.berth.ports.TakenPorts;
import io.berth.ports.internal.HostPlanner;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host planner behind {@code berth plan --instances N}, without the host: nothing is taken and
 * the probe says every port is free, so what is timed is the bit-set search and the plans it builds.
 *
 * <p>{@code berth plan} runs once in a fresh JVM, so the honest answer to "how long does a plan of
 * 10,000 take" is {@link #firstCall}: one call per forked JVM, interpreted and JIT-compiling as it
 * goes. {@link #warm} is the same call once the JIT is done with it: what the algorithm costs.
 */
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HostPlanBenchmark {

    /** A pure plan: the CLI asks a {@code SocketProbe} here, which binds sockets and is not what this measures. */
    private static final PortProbe EVERY_PORT_FREE = (port, protocol) -> true;

    @Param({"100", "1000", "10000"})
    int instances;

    @Param
    InstanceLayout layout;

    private List<PortLayout> layouts;

    @Setup
    public void layouts() {
        layouts = Collections.nCopies(instances, layout.layout());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Object warm() {
        return plan();
    }

    /** Overridden by -f, -wi and -i on the command line, which would make it warm: leave those off. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(10)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public Object firstCall() {
        return plan();
    }

    private Object plan() {
        try {
            return HostPlanner.plan(layouts, new TakenPorts(), EVERY_PORT_FREE, OffsetSource.OPTION);
        } catch (InvalidOffsetException noRoom) {
            // 10,000 identity servers do not fit in 65,535 ports (6,119 do): then what is timed is
            // how long `berth plan` takes to refuse, having planned every instance that fits.
            return noRoom;
        }
    }
}
