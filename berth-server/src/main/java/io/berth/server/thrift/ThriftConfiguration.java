package io.berth.server.thrift;

import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import java.time.Duration;

/** Reads {@code [entitlement.thrift]} of deployment.toml. */
public final class ThriftConfiguration {

    static final String SESSION_TIMEOUT_KEY = "entitlement.thrift.session_timeout_seconds";

    private ThriftConfiguration() {
    }

    public static ThriftEntitlementSettings settings(DeploymentConfig config) {
        ThriftEntitlementSettings defaults = ThriftEntitlementSettings.defaults();
        int seconds = config.integer(SESSION_TIMEOUT_KEY).orElse((int) defaults.sessionIdleTimeout().toSeconds());
        if (seconds < 1) {
            throw new ConfigException(config.where(SESSION_TIMEOUT_KEY) + " must be at least 1 (was " + seconds + ")");
        }
        return new ThriftEntitlementSettings(defaults.policyFile(), defaults.usersFile(), defaults.adminPasswordFile(),
                Duration.ofSeconds(seconds), defaults.maxSessions(), defaults.clientTimeout(), defaults.minWorkerThreads(),
                defaults.maxWorkerThreads(), defaults.maxMessageBytes(), defaults.maxRequestBytes(),
                defaults.passwordIterations(), defaults.stopTimeout());
    }
}
