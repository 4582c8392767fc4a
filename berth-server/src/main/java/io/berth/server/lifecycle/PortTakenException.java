package io.berth.server.lifecycle;

/** A port of the instance that another process holds: found at preflight, before anything is bound. */
public class PortTakenException extends Exception {

    public PortTakenException(String message) {
        super(message);
    }
}
