package io.berth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints what a configuration's reader noticed but did not refuse, one {@code berth: warning:} line each.
 * A reader names its file as it was given ({@code conf/deployment.toml:2: ...}); when a command reads
 * several files, a relative name may fit more than one, so each warning then names its file in full.
 */
final class Warnings {

    private Warnings() {
    }

    static void print(PrintWriter err, Path file, List<String> warnings, boolean severalFiles) {
        for (String warning : warnings) {
            err.println("berth: warning: " + (severalFiles ? inFull(file, warning) : warning));
        }
        err.flush();
    }

    private static String inFull(Path file, String warning) {
        String full = file.toAbsolutePath().normalize().toString();
        String name = file.toString();
        return warning.startsWith(name + ":") ? full + warning.substring(name.length()) : full + ": " + warning;
    }
}
