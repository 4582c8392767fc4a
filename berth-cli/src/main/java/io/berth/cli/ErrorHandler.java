package io.berth.cli;

import io.berth.ports.PortSettingsException;
import io.berth.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception into one line on standard error and an exit code: bad input (configuration,
 * offset, ports) exits 2, anything else 1. Stack traces only with {@code BERTH_DEBUG=1}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("berth: " + exception.getMessage());
        if ("1".equals(System.getenv("BERTH_DEBUG"))) {
            exception.printStackTrace(commandLine.getErr());
        }
        return isBadInput(exception) ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
    }

    private static boolean isBadInput(Exception exception) {
        return exception instanceof PortSettingsException || exception instanceof ConfigException;
    }
}
