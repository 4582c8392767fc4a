package io.berth.server.lifecycle;

/** A start on a home whose instance already runs. */
public class AlreadyRunningException extends Exception {

    public AlreadyRunningException(String message) {
        super(message);
    }
}
