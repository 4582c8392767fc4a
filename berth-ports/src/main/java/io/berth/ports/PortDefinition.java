package io.berth.ports;

import io.berth.ports.internal.PortRange;
import java.util.Objects;
import java.util.Set;

/**
 * One port of a catalogue: what it is, its default at offset 0, how the offset moves it, and where
 * that fact comes from.
 *
 * @param id           stable identifier used by every view and by configuration ({@code https}, {@code kdc})
 * @param defaultPort  the catalogue default: the port at offset 0 when configuration does not set it
 * @param protocols    the protocols it listens on
 * @param description  what listens there, for people
 * @param rule         how the offset moves it
 * @param feature      the feature that opens it
 * @param configKey    the deployment.toml key (WSO2's name) that sets the port, or {@code ""} when none does
 * @param source       the WSO2 page or code that gives the number and the rule
 */
public record PortDefinition(
        String id,
        int defaultPort,
        Set<Protocol> protocols,
        String description,
        OffsetRule rule,
        Feature feature,
        String configKey,
        String source) {

    public PortDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(configKey, "configKey");
        Objects.requireNonNull(source, "source");
        protocols = Set.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("port " + id + " has no protocol");
        }
        if (!PortRange.contains(defaultPort)) {
            throw new IllegalArgumentException("port " + id + " default " + defaultPort + " is outside " + PortRange.TEXT);
        }
    }

    /** Whether a stated offset moves this port. */
    public boolean offsetApplied() {
        return rule.moves();
    }

    /** Why the offset does not apply as {@code +offset}, or {@code null} when it does. */
    public String fixedReason() {
        return rule.reason();
    }

    /** The protocols joined as in the tables: {@code tcp}, {@code udp} or {@code tcp+udp}. */
    public String protocolText() {
        StringBuilder text = new StringBuilder();
        for (Protocol protocol : Protocol.values()) {
            if (protocols.contains(protocol)) {
                text.append(text.isEmpty() ? "" : "+").append(protocol.wireName());
            }
        }
        return text.toString();
    }
}
