package io.berth.cli;

import io.berth.server.report.Json;
import io.berth.server.report.Table;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The {@code --format} option of every command that prints a table: one declaration, one default, one help text. */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or markdown (default: ${DEFAULT-VALUE})")
    Format format = Format.TABLE;

    Format format() {
        return format;
    }

    /** Prints {@code json} as JSON, or {@code table} as text or markdown, as the option asks; then flushes. */
    void print(PrintWriter out, Object json, Table table) {
        switch (format) {
            case JSON -> out.println(Json.write(json));
            case MARKDOWN -> out.print(table.toMarkdown());
            case TABLE -> out.print(table.toText());
        }
        out.flush();
    }
}
