package io.berth.ports;

import io.berth.ports.internal.OneLine;
/** An offset that is not a whole number >= 0, or that pushes an enabled port out of 1..65535. */
public class InvalidOffsetException extends PortSettingsException {

    private final OffsetSource source;
    private final String value;
    private final String reason;

    public InvalidOffsetException(OffsetSetting setting, String reason) {
        this(setting.source(), setting.value(), reason);
    }

    public InvalidOffsetException(OffsetSource source, String value, String reason) {
        super("Invalid port offset '" + OneLine.of(value) + "' from " + source.text() + ": " + reason);
        this.source = source;
        this.value = value;
        this.reason = reason;
    }

    public OffsetSource source() {
        return source;
    }

    public String value() {
        return value;
    }

    /** Why the value was refused, without the value and its source: {@code it must be a whole number >= 0}. */
    public String reason() {
        return reason;
    }
}
