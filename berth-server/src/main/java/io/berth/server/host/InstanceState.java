package io.berth.server.host;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an instance is in its life, as the runtime file, the host registry, {@code /api/health} and
 * {@code berth status} report it. It lives beside the host registry, the lowest layer that records it,
 * so the lifecycle can depend on the registry and not the other way round.
 *
 * <p>The wire value is the lower-case name ({@code "running"}); scripts match it in
 * {@code runtime/instance.json}, so it never changes.
 */
public enum InstanceState {
    /** Ports picked and reserved; binding and starting endpoints. */
    STARTING,
    /** Every endpoint serves. */
    RUNNING,
    /** Releasing every endpoint and port. */
    STOPPING,
    /** Everything released; nothing of the instance is left on the host. */
    STOPPED;

    /** {@code "running"}: what files and JSON hold. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a file names; {@link #wireName()} read back. */
    @JsonCreator
    public static InstanceState parse(String wireName) {
        for (InstanceState state : values()) {
            if (state.wireName().equals(wireName)) {
                return state;
            }
        }
        throw new IllegalArgumentException("not an instance state: '" + wireName + "' (starting, running, stopping, stopped)");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
