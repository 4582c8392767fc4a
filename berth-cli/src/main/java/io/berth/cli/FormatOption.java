package io.berth.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of every command that prints a table: one declaration, one default, one help text. */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or markdown (default: ${DEFAULT-VALUE})")
    Format format = Format.TABLE;

    Format format() {
        return format;
    }
}
