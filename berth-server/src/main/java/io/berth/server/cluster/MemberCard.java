package io.berth.server.cluster;

import java.util.Objects;

/**
 * What one member publishes into the cluster's port directory.
 *
 * @param host      address other members and clients use to reach this member
 * @param home      the member's server home directory (identifies the instance on a shared host)
 * @param offset    the member's port offset
 * @param portsJson the member's port table as JSON, opaque to the cluster layer
 */
public record MemberCard(String host, String home, int offset, String portsJson) {
    public MemberCard {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(portsJson, "portsJson");
    }
}
