package io.berth.cli;

import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.SocketProbe;
import io.berth.server.config.PortConfiguration;
import io.berth.server.config.PortPlanRequest;
import io.berth.server.report.Json;
import io.berth.server.report.OffsetMatrix;
import io.berth.server.report.PortReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ports",
        header = "Print the instance's effective port table without binding anything.",
        description = "The offset comes from --offset, else -DportOffset, else [server] offset, else 0.",
        subcommands = PortsCheckCommand.class)
final class PortsCommand implements Callable<Integer> {

    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");
    private static final int MAX_ROWS = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    FormatOption formatOption;

    @Option(names = "--offsets", paramLabel = "A-B",
            description = "One row per offset from A to B, one column per enabled port")
    String offsets;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PortPlanRequest request = configOptions.request(spec.commandLine().getErr());
        if (offsets != null) {
            print(out, matrix(PortConfiguration.layout(request.config())));
        } else {
            print(out, PortReport.of(request.plan(new SocketProbe())));
        }
        return ExitCodes.OK;
    }

    private OffsetMatrix matrix(PortLayout layout) {
        Matcher range = RANGE.matcher(offsets);
        if (!range.matches()) {
            throw BadOption.of(spec, "--offsets", offsets, "expected A-B, e.g. 0-4");
        }
        int from = Integer.parseInt(range.group(1));
        int to = Integer.parseInt(range.group(2));
        if (from > to || to - from >= MAX_ROWS) {
            throw BadOption.of(spec, "--offsets", offsets, "A must not exceed B, and at most " + MAX_ROWS + " rows");
        }
        List<PortPlan> plans = new ArrayList<>();
        for (int value = from; value <= to; value++) {
            plans.add(layout.at(Offset.of(value, OffsetSource.OPTION)));
        }
        return OffsetMatrix.of(plans);
    }

    private void print(PrintWriter out, PortReport report) {
        switch (formatOption.format()) {
            case JSON -> out.println(Json.write(report));
            case MARKDOWN -> out.print("Offset " + report.offsetText() + "\n\n" + report.table().toMarkdown());
            case TABLE -> out.print("Offset " + report.offsetText() + "\n" + report.table().toText());
        }
        out.flush();
    }

    private void print(PrintWriter out, OffsetMatrix matrix) {
        switch (formatOption.format()) {
            case JSON -> out.println(Json.write(matrix));
            case MARKDOWN -> out.print(matrix.table().toMarkdown());
            case TABLE -> out.print(matrix.table().toText());
        }
        out.flush();
    }
}
