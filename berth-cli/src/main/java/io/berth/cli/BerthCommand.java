package io.berth.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/**
 * The {@code berth} command. {@code -h}/{@code --help} and {@code -V}/{@code --version} are inherited by
 * every subcommand ({@link ScopeType#INHERIT}), so {@code berth <any command> --help} prints that
 * command's help to standard output and exits 0; {@code berth help [COMMAND]} does the same.
 */
@Command(name = "berth",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        header = "Berth: a server whose every port comes from one registry and shifts with one offset.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit codes: 0 success, 1 failure, 2 bad input, 3 not running."},
        subcommands = {StartCommand.class, StopCommand.class, StatusCommand.class, PortsCommand.class, KdcCommand.class,
                InstancesCommand.class, PlanCommand.class, ConfigCommand.class, HomeCommand.class, HelpCommand.class, HostCommand.class,
                CdsCommand.class})
final class BerthCommand {

    /**
     * berth's own description. picocli's {@link ScopeType#INHERIT} copies every attribute the annotation gives to
     * each subcommand that lacks it, so a command without its own description would show this one ({@code config
     * --help} would say what berth alone does); {@link BerthCommandLine#commandLine} sets it on berth alone, after the tree is built.
     */
    static final String[] DESCRIPTION = {
            "With no command, or with only options, berth runs the server in the foreground, as wso2server.sh does.",
            "Give -Dname=value anywhere to set a system property, e.g. -DportOffset=3.",
            "bin/berth.sh also takes wso2server.sh's commands: start (in the background), stop, restart, version,"
                    + " --debug PORT, and --base DIR (or BERTH_BASE) to run another base of this install."
    };
}
