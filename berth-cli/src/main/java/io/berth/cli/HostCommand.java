package io.berth.cli;

import io.berth.server.config.References;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.HostSockets;
import io.berth.server.report.HostReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "host",
        header = "List every listening socket of this host: which Berth base, WSO2 home or process holds it, and drift.",
        description = {"A WSO2 home is found from -Dcarbon.home or its launcher on the process's command line; its ports",
                "are planned from its catalogue at its offset (-DportOffset, else its file). Drift is a product listening",
                "where its catalogue says it should not, or a catalogue port it does not listen on. Exit 0 without drift, 1 with."})
final class HostCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption formatOption;

    @Override
    public Integer call() {
        HostReport report = HostReport.of(HostSockets.read(), HostRegistry.ofProcess().entries(), References.ofProcess());
        PrintWriter out = spec.commandLine().getOut();
        formatOption.print(out, report, report.table());
        boolean drift = report.missing().size() > 0 || report.sockets().stream().anyMatch(row -> row.drift() != null);
        return drift ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
