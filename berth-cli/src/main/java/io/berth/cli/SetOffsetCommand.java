package io.berth.cli;

import io.berth.ports.InvalidOffsetException;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortSettingsException;
import io.berth.ports.RequestedOffset;
import io.berth.server.config.OffsetEditor;
import io.berth.server.config.PortSettings;
import io.berth.server.lifecycle.InstanceRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "set-offset",
        header = "Set [server] offset, changing nothing else in the file; written atomically.",
        description = "N is a whole number >= 0 that keeps every enabled port within 1..65535, or auto.")
final class SetOffsetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "N|auto", description = "The new offset")
    String value;

    @Override
    public Integer call() {
        RequestedOffset requested = parse();
        PortSettings settings = target.settings(spec.commandLine().getErr());
        if (!requested.auto()) {
            try {
                settings.layout().at(Offset.of(requested.value(), OffsetSource.OPTION));
            } catch (InvalidOffsetException outOfRange) {
                throw invalid(outOfRange);
            }
        }
        if (!settings.file().toString().endsWith(".toml")) {
            throw new PortSettingsException(settings.product().describe() + " keeps its offset in " + settings.file()
                    + ", which Berth does not edit; pass -DportOffset=" + requested.text() + " to its launcher instead");
        }
        Path file = settings.file();
        OffsetEditor.set(file, requested.auto() ? "\"auto\"" : Integer.toString(requested.value()));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Set [server] offset = " + requested.text() + " in " + file
                + (settings.product().isBerth() ? "" : " (" + settings.product().describe() + ")"));
        // The file is read at a start: an instance of this base that runs now keeps the offset it started with.
        RunningBase.of(settings)
                .filter(running -> requested.auto() || running.ports() == null || running.ports().offset() != requested.value())
                .ifPresent(running -> out.println(runningNote(running)));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * What the edit means for the instance running now: it keeps its offset until a restart, which reads the file
     * again, unless it started with an offset from the command line, which a restart keeps.
     */
    private static String runningNote(InstanceRecord running) {
        String now = "The running instance (pid " + running.pid() + ") keeps offset "
                + (running.ports() == null ? "it started with" : running.ports().offset());
        if (running.ports() != null && !OffsetSource.CONFIG.text().equals(running.ports().offsetSource())
                && !OffsetSource.DEFAULT.text().equals(running.ports().offsetSource())) {
            return "The running instance (pid " + running.pid() + ") runs at offset " + running.ports().offset() + " from "
                    + running.ports().offsetSource() + ", which its restart keeps; the file's offset applies to a start without one";
        }
        return now + " until it restarts";
    }

    private RequestedOffset parse() {
        try {
            return RequestedOffset.parse(new OffsetSetting(OffsetSource.OPTION, value));
        } catch (InvalidOffsetException bad) {
            throw invalid(bad);
        }
    }

    /** The foundation's message, naming this command rather than the --port-offset option. */
    private PortSettingsException invalid(InvalidOffsetException error) {
        String prefix = "Invalid port offset '" + error.value() + "' from " + OffsetSource.OPTION.text() + ": ";
        String reason = error.getMessage().startsWith(prefix) ? error.getMessage().substring(prefix.length()) : error.getMessage();
        return new PortSettingsException("Invalid port offset '" + value + "' for config set-offset: " + reason);
    }
}
