package io.berth.ports;

import java.util.Locale;

/** A transport protocol a port listens on. */
public enum Protocol {
    TCP,
    UDP;

    /** The lower-case name used in JSON and tables: {@code tcp}, {@code udp}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
