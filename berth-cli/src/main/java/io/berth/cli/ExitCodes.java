package io.berth.cli;

/** The exit codes of every {@code berth} command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something went wrong that is not the user's input: a port taken, a listener that failed. */
    public static final int FAILURE = 1;
    /** Bad input: an option, a configuration value, an offset. */
    public static final int BAD_INPUT = 2;
    /** The instance asked about is not running. */
    public static final int NOT_RUNNING = 3;

    private ExitCodes() {
    }
}
