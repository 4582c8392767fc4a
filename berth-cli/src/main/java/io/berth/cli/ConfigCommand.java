package io.berth.cli;

import picocli.CommandLine.Command;

@Command(name = "config",
        header = "Edit deployment.toml in place, keeping every other byte of it.",
        subcommands = SetOffsetCommand.class)
final class ConfigCommand {
}
