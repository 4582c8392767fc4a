package io.berth.ports.internal;

/** The range every effective port must lie in. Port 0 means "any" to the OS, so it is not a port here. */
public final class PortRange {
    public static final int MIN = 1;
    public static final int MAX = 65535;
    public static final String TEXT = MIN + ".." + MAX;

    private PortRange() {
    }

    public static boolean contains(long port) {
        return port >= MIN && port <= MAX;
    }
}
