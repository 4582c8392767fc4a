package io.berth.cli;

import io.berth.server.config.Nearest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code berth} command line on picocli, with Berth's error handling: every command but a plain start. */
final class BerthCommandLine {

    private BerthCommandLine() {
    }

    /** Runs {@code command} (after {@link Main#withDefaultCommand}); the exit code. */
    static int execute(String[] command) {
        return commandLine().execute(command);
    }

    /** The command line with Berth's error handling, shared by {@link Main} and the tests. */
    static CommandLine commandLine() {
        CommandLine berth = new CommandLine(new BerthCommand())
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(BerthCommandLine::badInput)
                .setCaseInsensitiveEnumValuesAllowed(true);
        berth.getCommandSpec().usageMessage().description(BerthCommand.DESCRIPTION);
        return berth;
    }

    /**
     * A bad option or parameter, whether picocli found it while parsing or a command while checking a value
     * ({@link BadOption}): one line naming it, the nearest option where one was mistyped, where the command's
     * help is, and exit 2.
     */
    private static int badInput(ParameterException bad, String[] args) {
        CommandLine command = bad.getCommandLine();
        PrintWriter err = command.getErr();
        Optional<String> unknownOption = unknownOption(bad);
        if (unknownOption.isPresent()) {
            // picocli would list the option's value as a second unknown, and suggest only options that share
            // its first two letters (--product for --prot-offset): the option alone, and the nearest by spelling.
            err.println("berth: Unknown option: '" + unknownOption.get() + "'");
            Nearest.likelyTypo(unknownOption.get(), optionNames(command.getCommandSpec()))
                    .ifPresent(nearest -> err.println("Did you mean " + nearest + "?"));
        } else {
            err.println("berth: " + bad.getMessage());
            UnmatchedArgumentException.printSuggestions(bad, err);
        }
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /** The first unmatched argument when it is an option of no command ({@code --prot-offset}), not a stray word. */
    private static Optional<String> unknownOption(ParameterException bad) {
        if (!(bad instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        String first = unmatched.getUnmatched().get(0);
        String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        return name.startsWith("-") && name.length() > 1 ? Optional.of(name) : Optional.empty();
    }

    /** Every name of every visible option of {@code spec}, its inherited --help and --version included. */
    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                names.addAll(List.of(option.names()));
            }
        }
        return names;
    }
}
