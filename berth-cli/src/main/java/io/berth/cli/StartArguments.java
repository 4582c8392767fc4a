package io.berth.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The arguments of {@code berth start} when they are ones a start can read without picocli: the
 * command itself (as {@link Main#withDefaultCommand} spells it) followed only by {@code --config FILE},
 * {@code --offset N|auto} or {@code --port-offset N|auto}, each at most once, as {@code --name value} or
 * {@code --name=value}. A start is what {@code bin/berth.sh} runs with no command, and picocli builds the
 * model of every command before it runs one (some 175 classes and the reflection over each command's
 * annotations, a tenth of a start on this 2-core host), so a start whose arguments are these goes
 * straight to {@link StartCommand#start}. Anything else (help, an unknown option, an option twice, a
 * missing or dash-led value) is left to picocli, which parses it and reports each mistake as it always
 * has: this never decides that an argument is wrong.
 *
 * @param config the {@code --config} file, or {@code null}
 * @param offset the {@code --offset} text as given, checked later as every offset is, or {@code null}
 * @param offsetName the offset option's name as typed, {@code --offset} or {@code --port-offset}, or {@code null}
 */
record StartArguments(Path config, String offset, String offsetName) {

    /** The start's options, or empty when picocli should read {@code command}. */
    static Optional<StartArguments> parse(String[] command) {
        if (command.length == 0 || !command[0].equals("start")) {
            return Optional.empty();
        }
        String config = null;
        String offset = null;
        String offsetName = null;
        for (int i = 1; i < command.length; i++) {
            String argument = command[i];
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = argument.substring(equals + 1);
            } else if (i + 1 < command.length) {
                value = command[++i];
            } else {
                return Optional.empty();
            }
            if (value.isEmpty() || value.startsWith("-")) {
                return Optional.empty();
            }
            switch (name) {
                case "--config" -> {
                    if (config != null) {
                        return Optional.empty();
                    }
                    config = value;
                }
                case "--offset", "--port-offset" -> {
                    if (offset != null) {
                        return Optional.empty();
                    }
                    offset = value;
                    offsetName = name;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new StartArguments(config == null ? null : Path.of(config), offset, offsetName));
    }

    TargetOptions options() {
        return TargetOptions.of(config, offset, offsetName);
    }
}
