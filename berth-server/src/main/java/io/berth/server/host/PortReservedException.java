package io.berth.server.host;

/** A stated offset whose ports another Berth instance on this host holds or has reserved. */
public class PortReservedException extends Exception {

    public PortReservedException(String message) {
        super(message);
    }
}
