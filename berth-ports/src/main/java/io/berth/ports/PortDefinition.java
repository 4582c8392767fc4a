package io.berth.ports;

import java.util.Objects;
import java.util.Set;

/**
 * One port of the catalogue: what it is, its default at offset 0, and whether the offset moves it.
 *
 * @param id           stable identifier used by every view and by configuration ({@code https}, {@code kdc})
 * @param defaultPort  the port at offset 0 when configuration does not override it
 * @param protocols    the protocols it listens on
 * @param description  what listens there, for people
 * @param fixedReason  {@code null} when the offset applies; otherwise why the port must not move
 * @param feature      the feature that opens it
 * @param configKey    the deployment.toml key (WSO2's name where WSO2 has one) that overrides the default
 */
public record PortDefinition(
        String id,
        int defaultPort,
        Set<Protocol> protocols,
        String description,
        String fixedReason,
        Feature feature,
        String configKey) {

    public PortDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(configKey, "configKey");
        protocols = Set.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("port " + id + " has no protocol");
        }
        if (!PortRange.contains(defaultPort)) {
            throw new IllegalArgumentException("port " + id + " default " + defaultPort + " is outside " + PortRange.TEXT);
        }
    }

    /** Whether the instance's offset is added to this port. */
    public boolean offsetApplied() {
        return fixedReason == null;
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
