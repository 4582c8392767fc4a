package io.berth.server.cluster;

import io.berth.ports.internal.TomlKey;
import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.MembershipScheme;
import java.util.Optional;

/** Reads {@code [clustering]} of deployment.toml; no membership scheme means clustering is off, as in WSO2. */
public final class ClusterConfiguration {

    private static final String HEARTBEAT_KEY = "clustering.heartbeat_interval_seconds";
    private static final String FAILURE_KEY = "clustering.failure_timeout_seconds";

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
        int heartbeat = config.integer(HEARTBEAT_KEY).orElse(ClusterSettings.DEFAULT_HEARTBEAT_SECONDS);
        int failure = config.integer(FAILURE_KEY).orElse(ClusterSettings.DEFAULT_FAILURE_DETECTION_SECONDS);
        if (heartbeat < 1) {
            throw new ConfigException(config.where(HEARTBEAT_KEY) + " must be >= 1 (was " + heartbeat + ")");
        }
        if (failure <= heartbeat) {
            throw new ConfigException(config.where(FAILURE_KEY) + " must exceed " + TomlKey.display(HEARTBEAT_KEY)
                    + " (" + heartbeat + ") (was " + failure + ")");
        }
        try {
            return Optional.of(new ClusterSettings(
                    scheme.get(),
                    config.strings("clustering.members"),
                    config.string("clustering.multicast_group").orElse(ClusterSettings.DEFAULT_MULTICAST_GROUP),
                    ClusterSettings.DEFAULT_MULTICAST_TTL,
                    config.string("clustering.domain").orElse(ClusterSettings.DEFAULT_DOMAIN),
                    heartbeat,
                    failure,
                    ClusterSettings.DEFAULT_JOIN_WAIT_SECONDS,
                    config.integer("clustering.members_missing_seconds").orElse(ClusterSettings.DEFAULT_MEMBERS_MISSING_SECONDS),
                    scheme.get() == MembershipScheme.KUBERNETES ? KubernetesConfiguration.discovery(config) : null));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.where("clustering") + " " + e.getMessage());
        }
    }
}
