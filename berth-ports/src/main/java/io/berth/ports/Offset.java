package io.berth.ports;

/**
 * The offset an instance runs at, with where it came from.
 *
 * @param value  the number added to every port whose offset applies
 * @param source the source that won
 * @param auto   whether the value was picked by {@code auto} rather than stated
 */
public record Offset(int value, OffsetSource source, boolean auto) {

    public Offset {
        if (value < 0) {
            throw new IllegalArgumentException("offset < 0: " + value);
        }
    }

    public static Offset of(int value, OffsetSource source) {
        return new Offset(value, source, false);
    }

    /** Whether a source stated it, rather than none: a product's internal offset applies only when none did. */
    public boolean stated() {
        return source != OffsetSource.DEFAULT;
    }

    /** {@code 3 (system property portOffset)}, or {@code 3 (auto, deployment.toml [server] offset)}. */
    public String describe() {
        return value + " (" + (auto ? "auto, " : "") + source.text() + ")";
    }
}
