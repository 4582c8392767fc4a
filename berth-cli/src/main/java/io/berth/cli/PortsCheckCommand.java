package io.berth.cli;

import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.PortProbe;
import io.berth.ports.Protocol;
import io.berth.ports.SocketProbe;
import io.berth.server.config.PortSettings;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.RegistryPortHolders;
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
        description = "A port a starting Berth has reserved counts as taken, though nothing listens on it yet.")
final class PortsCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    FormatOption formatOption;

    /** Where the check looks: every address, the strictest test, until the instance's bind address is known here. */
    private static final InetAddress EVERY_ADDRESS = new InetSocketAddress(0).getAddress();

    /** One port and protocol as the check found it; {@code holder} is {@code null} when free. */
    record Check(String id, int port, String protocol, boolean free, String holder) {
    }

    @Override
    public Integer call() {
        PortSettings settings = target.settings(spec.commandLine().getErr());
        HostRegistry registry = HostRegistry.ofProcess();
        PortProbe probe = new SocketProbe();
        PortPlan plan = settings.plan(target.requestedOffset(settings), HostPorts.taken(registry, HostPorts.EVERY_ADDRESS), probe);
        RegistryPortHolders holders = new RegistryPortHolders(registry);
        List<Check> checks = new ArrayList<>();
        for (PlannedPort port : plan.enabledPorts()) {
            for (Protocol protocol : Protocol.values()) {
                if (port.definition().protocols().contains(protocol)) {
                    checks.add(check(port, protocol, probe, holders));
                }
            }
        }
        print(PortReport.of(plan).withProduct(ProductView.of(settings.product())), checks);
        return checks.stream().allMatch(Check::free) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static Check check(PlannedPort port, Protocol protocol, PortProbe probe, RegistryPortHolders holders) {
        int number = port.effective();
        if (!probe.isFree(number, protocol)) {
            return new Check(port.id(), number, protocol.wireName(), false, holders.describe(number, protocol, EVERY_ADDRESS));
        }
        // Free to bind, but a starting instance has reserved it: starting here now would race with it.
        Optional<String> reserved = holders.berthHolder(number, protocol, EVERY_ADDRESS);
        return new Check(port.id(), number, protocol.wireName(), reserved.isEmpty(),
                reserved.map(holder -> "reserved by " + holder).orElse(null));
    }

    private void print(PortReport report, List<Check> checks) {
        PrintWriter out = spec.commandLine().getOut();
        long taken = checks.stream().filter(check -> !check.free()).count();
        Table table = new Table("ID", "PORT", "PROTOCOL", "STATE", "HOLDER");
        checks.forEach(check -> table.row(check.id(), check.port(), check.protocol(), check.free() ? "free" : "taken",
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
                out.println(taken == 0 ? "Every port is free" : taken + " of " + checks.size() + " ports taken");
            }
        }
        out.flush();
    }
}
