package io.berth.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one way a command reports a bad option or parameter: picocli's {@link ParameterException}, which
 * {@link Main}'s handler prints as one line naming the option, the value given and the rule, with exit 2,
 * exactly as picocli's own checks (an unknown option, a value of the wrong type) are printed.
 */
final class BadOption {

    private BadOption() {
    }

    /** {@code Invalid value 'abc' for option '--instances': it must be 1..65535}. */
    static ParameterException of(CommandSpec spec, String option, Object value, String rule) {
        String what = option.startsWith("-") ? "option '" + option + "'" : option;
        return new ParameterException(spec.commandLine(), "Invalid value '" + value + "' for " + what + ": " + rule);
    }
}
