package io.berth.cli;

import io.berth.ports.InvalidOffsetException;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.PortSettingsException;
import io.berth.ports.SocketProbe;
import io.berth.ports.internal.HostPlanner;
import io.berth.server.config.OffsetEditor;
import io.berth.server.config.PortSettings;
import io.berth.server.host.HostRegistry;
import io.berth.server.report.HostPlanReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan",
        header = "Plan offsets for several instances on this host so that no two share a port.",
        description = {"Each instance gets the lowest offset at which none of its enabled ports collides with another"
                + " planned instance's, is in use on this host, or is reserved by a running Berth.",
                "Give one configuration for N instances of it, or one --config/--home/--product per instance (products may"
                        + " differ); --product after a --config or --home names that instance's product instead of detecting it."})
final class PlanCommand implements Callable<Integer> {

    /** At most one instance per port number: more can never fit. */
    private static final int MAX_INSTANCES = 65535;

    @Spec
    CommandSpec spec;

    @Option(names = "--instances", paramLabel = "N", description = "How many instances (default: one per configuration given)")
    Integer instances;

    @Mixin
    FormatOption formatOption;

    @Option(names = "--verbose", description = "List each key of a Berth file that Berth does not use")
    boolean verbose;

    @Option(names = "--write", description = "Set [server] offset in each configuration to its planned offset")
    boolean write;

    /** One configuration: each --config, --home or --product given makes one, in the order given. */
    static final class Target {
        @Option(names = "--config", paramLabel = "FILE",
                description = "A Berth deployment.toml; repeat for one per instance")
        Path config;

        @Option(names = "--home", paramLabel = "DIR",
                description = "A Berth home or a WSO2 product home (repository/conf/deployment.toml); repeat for one per instance")
        Path home;

        @Option(names = "--product", paramLabel = "NAME[-VERSION]",
                description = "The instance's product: after --home/--config, instead of detecting it; alone, its catalogue's"
                        + " defaults (is-7.0.0, am-4.2.0, mi, si, ei-6.5.0, am-analytics)")
        String product;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Target> targets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<PortSettings> settings = new ArrayList<>();
        for (Target target : targets) {
            if (target.config != null && target.home != null) {
                throw BadOption.of(spec, "--home", target.home, "give --config FILE or --home DIR for one instance, not both"
                        + " (was --config " + target.config + "); give --home again for the next instance");
            }
            settings.add(TargetOptions.load(target.config, target.home, target.product));
        }
        if (settings.isEmpty()) {
            settings.add(TargetOptions.load(null, null, null));
        }
        for (PortSettings each : settings) {
            TargetOptions.validate(each);
            TargetOptions.reportUnused(each, verbose, settings.size() > 1, err);
        }
        int count = count(settings.size());
        if (write && count != settings.size()) {
            throw BadOption.of(spec, "--instances", count, "--write needs one configuration per instance, and "
                    + settings.size() + " were given; give --config or --home once for each");
        }
        List<PortLayout> layouts = new ArrayList<>();
        List<String> configs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PortSettings each = settings.get(settings.size() == 1 ? 0 : i);
            layouts.add(each.layout());
            configs.add(each.file() == null ? each.source()
                    : each.file() + (each.product().isBerth() ? "" : " (" + each.product().describe() + ")"));
        }
        HostRegistry registry = HostRegistry.ofProcess();
        List<PortPlan> plans;
        try {
            plans = HostPlanner.plan(layouts, HostPorts.taken(registry, HostPorts.EVERY_ADDRESS), new SocketProbe(), OffsetSource.OPTION);
        } catch (InvalidOffsetException noFit) {
            // The planner speaks of the offset 'auto' it was searching for; the user asked for a plan, not for auto.
            throw new PortSettingsException("No plan fits: " + noFit.reason());
        }
        if (write) {
            for (PortSettings each : settings) {
                if (each.file() == null) {
                    throw new PortSettingsException("--write needs a file for each instance; " + each.source()
                            + " was stated by --product alone");
                }
            }
            for (int i = 0; i < count; i++) {
                OffsetEditor.set(settings.get(i).file(), Integer.toString(plans.get(i).offset().value()));
            }
        }
        print(HostPlanReport.of(plans, configs));
        return ExitCodes.OK;
    }

    private int count(int configs) {
        if (instances == null) {
            return configs;
        }
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw BadOption.of(spec, "--instances", instances, "it must be 1.." + MAX_INSTANCES);
        }
        if (configs > 1 && instances != configs) {
            throw BadOption.of(spec, "--instances", instances, configs
                    + " configurations were given; give one per instance, or one for all");
        }
        return instances;
    }

    private void print(HostPlanReport report) {
        PrintWriter out = spec.commandLine().getOut();
        formatOption.print(out, report, report.table());
    }
}
