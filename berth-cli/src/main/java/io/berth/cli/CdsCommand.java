package io.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code berth cds}, which only the launcher runs: making the class-data archive takes a JVM started with
 * {@code -XX:ArchiveClassesAtExit}, which a running JVM cannot become. It is a command here so that
 * {@code berth cds --help} and {@code berth help cds} describe it as they describe every other command.
 */
@Command(name = "cds",
        header = "Make the install's class-data archive (lib/berth.jsa), which makes each later start faster.",
        description = {"A training start, at an auto offset in a scratch base of the install's shipped conf/, records the"
                + " classes a start loads; the archive is used until a jar of the install changes.",
                "Run by the launcher (bin/berth.sh cds, or ./berth cds in a clone); the first start after a build makes it too."})
final class CdsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "cds is run by the launcher, which starts the training JVM: "
                + Launcher.name() + " cds");
    }
}
