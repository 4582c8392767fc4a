package io.berth.cli;

import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.PortProbe;
import io.berth.ports.Protocol;
import io.berth.ports.SocketProbe;
import io.berth.server.config.PortSettings;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.RegistryPortHolders;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.Json;
import io.berth.server.report.PortReport;
import io.berth.server.report.ProductView;
import io.berth.server.report.Table;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check",
        header = "Probe every enabled port and name who holds each taken one. Exit 0 all free, 1 otherwise.",
        description = {"A port a starting Berth has reserved counts as taken, though nothing listens on it yet.",
                "A port that this base's own running instance holds is shown as held by this base, not taken:"
                        + " a restart of it at this offset can bind it again."})
final class PortsCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    FormatOption formatOption;

    /** Where the check looks: every address, the strictest test, until the instance's bind address is known here. */
    private static final InetAddress EVERY_ADDRESS = new InetSocketAddress(0).getAddress();

    /**
     * One port and protocol as the check found it; {@code holder} is {@code null} when free; {@code thisBase} when
     * the holder is this base's own running instance, which a restart releases before it binds again.
     */
    record Check(String id, int port, String protocol, boolean free, String holder, boolean thisBase) {

        /** Whether a start of this base here could bind it: free, or held by this base's own instance. */
        boolean usable() {
            return free || thisBase;
        }
    }

    @Override
    public Integer call() {
        PortSettings settings = target.settings(spec.commandLine().getErr());
        HostRegistry registry = HostRegistry.ofProcess();
        PortProbe probe = new SocketProbe();
        PortPlan plan = settings.plan(target.requestedOffset(settings), HostPorts.taken(registry, HostPorts.EVERY_ADDRESS), probe);
        RegistryPortHolders holders = new RegistryPortHolders(registry);
        Optional<InstanceRecord> own = RunningBase.of(settings);
        List<Check> checks = new ArrayList<>();
        for (PlannedPort port : plan.enabledPorts()) {
            for (Protocol protocol : Protocol.values()) {
                if (port.definition().protocols().contains(protocol)) {
                    checks.add(check(port, protocol, probe, holders, own));
                }
            }
        }
        print(PortReport.of(plan).withProduct(ProductView.of(settings.product())), checks);
        return checks.stream().allMatch(Check::usable) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static Check check(PlannedPort port, Protocol protocol, PortProbe probe, RegistryPortHolders holders,
            Optional<InstanceRecord> own) {
        int number = port.effective();
        Optional<InstanceRecord> holdingIt = own.filter(record -> holds(record, number, protocol));
        if (holdingIt.isPresent()) {
            return new Check(port.id(), number, protocol.wireName(), false,
                    "this base's running instance (pid " + holdingIt.get().pid() + ")", true);
        }
        if (!probe.isFree(number, protocol)) {
            return new Check(port.id(), number, protocol.wireName(), false, holders.describe(number, protocol, EVERY_ADDRESS), false);
        }
        // Free to bind, but a starting instance has reserved it: starting here now would race with it.
        Optional<String> reserved = holders.berthHolder(number, protocol, EVERY_ADDRESS);
        return new Check(port.id(), number, protocol.wireName(), reserved.isEmpty(),
                reserved.map(holder -> "reserved by " + holder).orElse(null), false);
    }

    /** Whether the running instance's own report says it listens on this port and protocol. */
    private static boolean holds(InstanceRecord record, int number, Protocol protocol) {
        return record.ports() != null && record.ports().ports().stream()
                .anyMatch(view -> view.enabled() && view.effective() == number
                        && view.protocol() != null && view.protocol().contains(protocol.wireName()));
    }

    private void print(PortReport report, List<Check> checks) {
        PrintWriter out = spec.commandLine().getOut();
        long taken = checks.stream().filter(check -> !check.usable()).count();
        long ownHeld = checks.stream().filter(Check::thisBase).count();
        Table table = new Table("ID", "PORT", "PROTOCOL", "STATE", "HOLDER");
        checks.forEach(check -> table.row(check.id(), check.port(), check.protocol(),
                check.free() ? "free" : check.thisBase() ? "this base" : "taken",
                check.holder() == null ? "-" : check.holder()));
        switch (formatOption.format()) {
            case JSON -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("offset", report.offset());
                json.put("offsetSource", report.offsetSource());
                json.put("product", report.product());
                json.put("free", taken == 0);
                json.put("ports", checks);
                out.println(Json.write(json));
            }
            case MARKDOWN -> out.print("Product " + report.product().text() + "\nOffset " + report.offsetText() + "\n\n"
                    + table.toMarkdown());
            case TABLE -> {
                out.print("Product " + report.product().text() + "\nOffset " + report.offsetText() + "\n" + table.toText());
                out.println(taken > 0 ? taken + " of " + checks.size() + " ports taken"
                        : ownHeld == 0 ? "Every port is free"
                        : ownHeld == checks.size() ? "Every port is held by this base's running instance, free for its restart"
                        : "Every port is free or held by this base's running instance");
            }
        }
        out.flush();
    }
}
