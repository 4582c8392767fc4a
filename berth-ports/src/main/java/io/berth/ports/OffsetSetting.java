package io.berth.ports;

import java.util.Objects;

/**
 * An offset as a source states it, before it is parsed: {@code "3"}, {@code "auto"}, {@code "abc"}.
 * A {@code null} value means the source is silent and the next one is asked.
 */
public record OffsetSetting(OffsetSource source, String value) {

    public OffsetSetting {
        Objects.requireNonNull(source, "source");
    }

    public static OffsetSetting absent(OffsetSource source) {
        return new OffsetSetting(source, null);
    }

    public boolean present() {
        return value != null;
    }
}
