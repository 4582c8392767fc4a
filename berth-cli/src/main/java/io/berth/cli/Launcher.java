package io.berth.cli;

/**
 * The command a user runs Berth by, as hints name it ("Start it with: ./berth --base ... start"): the
 * install's {@code bin/berth.sh}, or whatever wrapper ran it and said so in {@code BERTH_LAUNCHER} (a clone's
 * {@code ./berth} sets {@code ./berth}), so that a hint is a command the user can type where they are.
 */
final class Launcher {

    /** The environment variable a wrapper of {@code bin/berth.sh} sets to its own name. */
    static final String VARIABLE = "BERTH_LAUNCHER";

    private static final String INSTALL_LAUNCHER = "bin/berth.sh";

    private Launcher() {
    }

    /** {@code BERTH_LAUNCHER} when set and not blank, else {@code bin/berth.sh}. */
    static String name() {
        String wrapper = System.getenv(VARIABLE);
        return wrapper == null || wrapper.isBlank() ? INSTALL_LAUNCHER : wrapper.strip();
    }
}
