package io.berth.cli;

import sun.misc.Signal;

/**
 * SIGTERM is how an operator asks a server to stop ({@code berth stop}, {@code kill}, systemd): a clean stop,
 * so the process exits 0 rather than the JVM's 143 (128 + 15), and a systemd unit needs no
 * {@code SuccessExitStatus=143}. The JVM's own handler is replaced by one that calls {@link System#exit}
 * with 0, which runs the same shutdown hooks (stopping the instance, releasing every port) as before.
 * SIGINT (Ctrl-C) keeps the JVM's handling and its 130, as any foreground program.
 */
final class CleanStop {

    private CleanStop() {
    }

    static void onSigterm() {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(ExitCodes.OK));
        } catch (IllegalArgumentException signalsReserved) {
            // -Xrs, or a JVM that lets no one handle TERM: its own handling stands, and a stop exits 143.
        }
    }
}
