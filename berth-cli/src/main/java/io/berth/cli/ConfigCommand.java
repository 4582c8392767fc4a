package io.berth.cli;

import picocli.CommandLine.Command;

@Command(name = "config",
        header = "Edit deployment.toml in place, keeping every other byte of it.",
        description = "Each edit is written atomically: the file is replaced whole or left as it was. A running"
                + " instance reads the file only when it starts.",
        subcommands = SetOffsetCommand.class)
final class ConfigCommand {
}
