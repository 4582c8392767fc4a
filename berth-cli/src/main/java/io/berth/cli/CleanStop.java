package io.berth.cli;

import sun.misc.Signal;

/**
 * SIGTERM is how an operator asks a running server to stop ({@code berth stop}, {@code kill}, systemd): a
 * clean stop, so the process exits 0 rather than the JVM's 143 (128 + 15), and a systemd unit needs no
 * {@code SuccessExitStatus=143}. The JVM's own handler is replaced by one that calls {@link System#exit},
 * which runs the same shutdown hooks (stopping the instance, releasing every port) as before. A SIGTERM
 * that arrives before the instance runs ends a start that did not complete: that still exits 143, as
 * before. SIGINT (Ctrl-C) keeps the JVM's handling and its 130, as any foreground program.
 */
final class CleanStop {

    /** What the JVM exits with on SIGTERM by itself: 128 + the signal's number. */
    static final int INTERRUPTED_START = 128 + 15;

    private static volatile boolean serving;

    private CleanStop() {
    }

    /** Installs the handler; until {@link #serving()} a SIGTERM exits {@value #INTERRUPTED_START}. */
    static void onSigterm() {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(serving ? ExitCodes.OK : INTERRUPTED_START));
        } catch (IllegalArgumentException signalsReserved) {
            // -Xrs, or a JVM that lets no one handle TERM: its own handling stands, and a stop exits 143.
        }
    }

    /** The instance runs: from now on a SIGTERM is a clean stop. */
    static void serving() {
        serving = true;
    }
}
