package io.berth.cli;

import io.berth.ports.PortSettingsException;
import io.berth.server.config.ConfigException;
import java.io.PrintWriter;
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
        return report(exception, commandLine.getErr());
    }

    /** Prints the exception's line to {@code err}; the exit code: {@link ExitCodes#BAD_INPUT} or {@link ExitCodes#FAILURE}. */
    static int report(Exception exception, PrintWriter err) {
        err.println("berth: " + exception.getMessage());
        if ("1".equals(System.getenv("BERTH_DEBUG"))) {
            exception.printStackTrace(err);
        }
        return isBadInput(exception) ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
    }

    private static boolean isBadInput(Exception exception) {
        return exception instanceof PortSettingsException || exception instanceof ConfigException;
    }
}
