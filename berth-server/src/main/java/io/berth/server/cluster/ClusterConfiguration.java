package io.berth.server.cluster;

import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.MembershipScheme;
import java.util.Optional;

/** Reads {@code [clustering]} of deployment.toml; no membership scheme means clustering is off, as in WSO2. */
public final class ClusterConfiguration {

    private ClusterConfiguration() {
    }

    /**
     * Where the member binds and what it advertises ({@code local_member_host}) is its socket binding's:
     * {@link io.berth.server.config.SocketBindingConfiguration}.
     *
     * @throws ConfigException naming the key for a setting Hazelcast could not use
     */
    public static Optional<ClusterSettings> settings(DeploymentConfig config) {
        Optional<MembershipScheme> scheme = MembershipScheme.of(config);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClusterSettings(
                    scheme.get(),
                    config.strings("clustering.members"),
                    config.string("clustering.multicast_group").orElse(ClusterSettings.DEFAULT_MULTICAST_GROUP),
                    ClusterSettings.DEFAULT_MULTICAST_TTL,
                    config.string("clustering.domain").orElse(ClusterSettings.DEFAULT_DOMAIN),
                    config.integer("clustering.heartbeat_interval_seconds").orElse(ClusterSettings.DEFAULT_HEARTBEAT_SECONDS),
                    config.integer("clustering.failure_timeout_seconds").orElse(ClusterSettings.DEFAULT_FAILURE_DETECTION_SECONDS),
                    ClusterSettings.DEFAULT_JOIN_WAIT_SECONDS,
                    config.integer("clustering.members_missing_seconds").orElse(ClusterSettings.DEFAULT_MEMBERS_MISSING_SECONDS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.file().getFileName() + ": [clustering] " + e.getMessage());
        }
    }
}
