package io.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Berth: a server whose every port comes from one registry and shifts with one offset.",
        description = "Give -Dname=value anywhere to set a system property, e.g. -DportOffset=3.",
        subcommands = {PortsCommand.class})
final class BerthCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
