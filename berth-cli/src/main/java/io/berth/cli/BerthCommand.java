package io.berth.cli;

import picocli.CommandLine.Command;

@Command(name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Berth: a server whose every port comes from one registry and shifts with one offset.",
        description = "Give -Dname=value anywhere to set a system property, e.g. -DportOffset=3.",
        subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class, PortsCommand.class, KdcCommand.class,
                InstancesCommand.class, PlanCommand.class, ConfigCommand.class, HostCommand.class})
final class BerthCommand {
}
