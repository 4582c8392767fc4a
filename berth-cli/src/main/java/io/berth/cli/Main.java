package io.berth.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the {@code berth} command. */
public final class Main {

    private Main() {
    }

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    /** With no command, {@code berth} starts a server, as {@code wso2server.sh} does: {@code berth --port-offset 3}. */
    public static void main(String[] args) {
        String[] command = withDefaultCommand(args);
        Optional<StartArguments> start = StartArguments.parse(command);
        System.exit(start.isPresent() ? start(start.get()) : commandLine().execute(command));
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

    /** The command line with Berth's error handling, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new BerthCommand())
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(Main::badInput)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * A bad option or parameter, whether picocli found it while parsing or a command while checking a value
     * ({@link BadOption}): one line naming it, the nearest option where one was mistyped, where the command's
     * help is, and exit 2.
     */
    private static int badInput(ParameterException bad, String[] args) {
        CommandLine command = bad.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("berth: " + bad.getMessage());
        UnmatchedArgumentException.printSuggestions(bad, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
