package io.berth.ports;

import io.berth.ports.internal.PortRange;
/**
 * The offset the winning source asks for: a number, or {@code auto} (pick the lowest free one).
 *
 * @param source where it came from
 * @param auto   whether the source said {@code auto}
 * @param value  the number asked for; meaningless when {@code auto}
 */
public record RequestedOffset(OffsetSource source, boolean auto, int value) {

    private static final String AUTO = "auto";

    /**
     * The first present setting, parsed. Sources are given highest precedence first; when none is
     * present the offset is 0 from {@link OffsetSource#DEFAULT}.
     *
     * @throws InvalidOffsetException naming the source and value when the winning value is not an offset
     */
    public static RequestedOffset resolve(OffsetSetting... settingsHighestFirst) {
        for (OffsetSetting setting : settingsHighestFirst) {
            if (setting.present()) {
                return parse(setting);
            }
        }
        return new RequestedOffset(OffsetSource.DEFAULT, false, 0);
    }

    /** Parses one setting; {@code auto} in any case is accepted. */
    public static RequestedOffset parse(OffsetSetting setting) {
        String text = setting.value().strip();
        if (text.isEmpty()) {
            throw new InvalidOffsetException(setting, "it is empty; give a whole number >= 0 or 'auto'");
        }
        if (text.equalsIgnoreCase(AUTO)) {
            return new RequestedOffset(setting.source(), true, 0);
        }
        if (!text.matches("[+-]?\\d+")) {
            throw new InvalidOffsetException(setting, "it is not a whole number; give a whole number >= 0 or 'auto'");
        }
        if (text.startsWith("-")) {
            throw new InvalidOffsetException(setting, "an offset cannot be negative");
        }
        long value = text.length() > 12 ? Long.MAX_VALUE : Long.parseLong(text);
        if (value > PortRange.MAX) {
            throw new InvalidOffsetException(setting, "it would push every port past " + PortRange.MAX);
        }
        return new RequestedOffset(setting.source(), false, (int) value);
    }

    /** The value as the source wrote it, for messages. */
    public String text() {
        return auto ? AUTO : Integer.toString(value);
    }
}
