package io.berth.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;

/**
 * Entry point of the {@code berth} command. A start, the common case, is read by {@link StartArguments}; every
 * other command goes to picocli through {@link BerthCommandLine}. No method here names a picocli type: the
 * java launcher resolves every type in the main class's method signatures before it calls {@code main}, and
 * picocli's {@code CommandLine} is one large class, read from its jar, which a start does not need.
 */
public final class Main {

    private Main() {
    }

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    /** With no command, {@code berth} starts a server, as {@code wso2server.sh} does: {@code berth --port-offset 3}. */
    public static void main(String[] args) {
        String[] command = withDefaultCommand(args);
        Optional<StartArguments> start = StartArguments.parse(command);
        System.exit(start.isPresent() ? start(start.get()) : BerthCommandLine.execute(command));
    }

    /** A start read by {@link StartArguments}: no picocli, the same exit codes and error lines as through it. */
    private static int start(StartArguments start) {
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            return StartCommand.start(start.options(), err);
        } catch (Exception failure) {
            return ErrorHandler.report(failure, err);
        }
    }

    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0]))) {
            String[] withStart = new String[args.length + 1];
            withStart[0] = "start";
            System.arraycopy(args, 0, withStart, 1, args.length);
            return withStart;
        }
        return args;
    }
}
