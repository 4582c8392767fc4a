package io.berth.cli;

import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.lifecycle.RuntimeFile;
import io.berth.server.report.Json;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status",
        header = "Print whether this home's instance runs, and its ports. Exit 0 running, 3 not running.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or markdown (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuntimeFile runtimeFile = new RuntimeFile(BerthHome.current());
        Optional<InstanceRecord> written = runtimeFile.read();
        Optional<InstanceRecord> live = written.filter(runtimeFile::isLive);
        if (live.isEmpty()) {
            out.println("Berth is not running in " + BerthHome.current()
                    + written.map(stale -> " (stale runtime file of pid " + stale.pid() + ")").orElse(""));
            out.flush();
            return ExitCodes.NOT_RUNNING;
        }
        InstanceRecord instance = live.get();
        switch (format) {
            case JSON -> out.println(Json.write(instance));
            case TABLE, MARKDOWN -> {
                out.println("Berth is " + instance.state() + " in " + instance.home() + " (pid " + instance.pid() + ")");
                out.println("Offset " + instance.ports().offsetText());
                out.println("Console: " + instance.consoleUrl());
                out.println("JMX:     " + (instance.jmxServiceUrl() == null ? "off" : instance.jmxServiceUrl()));
                out.print(format == Format.TABLE ? instance.ports().runningTable().toText() : instance.ports().runningTable().toMarkdown());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
