package io.berth.cli;

import io.berth.server.host.HostEntry;
import io.berth.server.host.HostRegistry;
import io.berth.server.report.Json;
import io.berth.server.report.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "instances",
        header = "List every Berth instance on this host: home, pid, offset, state, console URL.",
        description = "Read from the host registry (BERTH_HOST_REGISTRY, else a per-user directory); entries of dead processes are dropped.")
final class InstancesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption formatOption;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<HostEntry> entries = HostRegistry.ofProcess().entries();
        Table table = new Table("HOME", "PID", "OFFSET", "STATE", "CONSOLE");
        entries.forEach(entry -> table.row(entry.home(), entry.pid(), entry.offset() + (entry.auto() ? " (auto)" : ""),
                entry.state(), entry.consoleUrl() == null ? "-" : entry.consoleUrl()));
        switch (formatOption.format()) {
            case JSON -> out.println(Json.write(Map.of("instances", entries)));
            case MARKDOWN -> out.print(table.toMarkdown());
            case TABLE -> out.print(entries.isEmpty() ? "No Berth instance runs on this host\n" : table.toText());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
