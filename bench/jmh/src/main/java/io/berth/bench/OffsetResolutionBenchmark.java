package io.berth.bench;

import io.berth.ports.Offset;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortPlanner;
import io.berth.ports.PortProbe;
import io.berth.ports.RequestedOffset;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.DeploymentConfigLoader;
import io.berth.ports.TakenPorts;
import io.berth.server.config.PortSettings;
import io.berth.server.config.References;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * From what the user wrote to the checked port table of an instance at a stated offset: parsing one
 * setting, picking the winning one of the three sources, {@link PortLayout#at}, and the whole path from
 * deployment.toml (the shipped one) with {@code -DportOffset=3}. Nothing here probes: a stated offset
 * never asks the host, and an {@code auto} offset's search is {@link HostPlanBenchmark}'s subject.
 */
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OffsetResolutionBenchmark {

    /** A stated offset is never probed; if it were, the benchmark would be timing something else. */
    private static final PortProbe NEVER_ASKED = (port, protocol) -> {
        throw new IllegalStateException("a stated offset was probed");
    };

    private static final String SHIPPED_CONFIG = "deployment.toml";

    private OffsetSetting number;
    private OffsetSetting auto;
    /** No option, {@code -DportOffset=3}, and the shipped file's {@code offset = 0}: the property wins. */
    private OffsetSetting[] sources;
    private PortLayout layout;
    private Offset offset;
    private References references;
    private Path file;
    private DeploymentConfig config;

    @Setup
    public void setUp() throws IOException {
        number = new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, "3");
        auto = new OffsetSetting(OffsetSource.CONFIG, "auto");
        sources = new OffsetSetting[] {
                OffsetSetting.absent(OffsetSource.OPTION),
                new OffsetSetting(OffsetSource.SYSTEM_PROPERTY, "3"),
                new OffsetSetting(OffsetSource.CONFIG, "0")};
        layout = InstanceLayout.IDENTITY_SERVER.layout();
        offset = Offset.of(3, OffsetSource.SYSTEM_PROPERTY);
        references = References.ofProcess();
        file = Files.createTempFile("berth-bench-", "-deployment.toml");
        try (InputStream shipped = OffsetResolutionBenchmark.class.getResourceAsStream(SHIPPED_CONFIG)) {
            if (shipped == null) {
                throw new IllegalStateException(SHIPPED_CONFIG + " is missing from the benchmark jar");
            }
            Files.copy(shipped, file, StandardCopyOption.REPLACE_EXISTING);
        }
        config = new DeploymentConfigLoader(references).load(file);
    }

    @TearDown
    public void deleteConfig() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public RequestedOffset parseNumber() {
        return RequestedOffset.parse(number);
    }

    @Benchmark
    public RequestedOffset parseAuto() {
        return RequestedOffset.parse(auto);
    }

    @Benchmark
    public RequestedOffset resolveThreeSources() {
        return RequestedOffset.resolve(sources);
    }

    /** The identity server's eight ports at offset 3: range and collision checks included. */
    @Benchmark
    public PortPlan layoutAt() {
        return layout.at(offset);
    }

    @Benchmark
    public PortPlan resolveThenLayout() {
        return PortPlanner.plan(layout, RequestedOffset.resolve(sources), NEVER_ASKED);
    }

    /** What every command does once deployment.toml is loaded: the layout from the config, the offset, the plan. */
    @Benchmark
    public PortPlan loadedConfigToPlan() {
        PortSettings settings = PortSettings.of(config);
        return settings.plan(settings.requestedOffset(null, "3"), new TakenPorts(), NEVER_ASKED);
    }

    /** The same from the file: read, TOML parse, schema check, references. */
    @Benchmark
    public PortPlan tomlFileToPlan() {
        PortSettings settings = PortSettings.of(new DeploymentConfigLoader(references).load(file));
        return settings.plan(settings.requestedOffset(null, "3"), new TakenPorts(), NEVER_ASKED);
    }
}
