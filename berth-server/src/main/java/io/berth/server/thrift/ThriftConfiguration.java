package io.berth.server.thrift;

import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import java.time.Duration;

/** Reads {@code [entitlement.thrift]} of deployment.toml; every limit has a safe default. */
public final class ThriftConfiguration {

    private static final String TABLE = "entitlement.thrift.";
    static final String SESSION_TIMEOUT_KEY = TABLE + "session_timeout_seconds";
    static final String CLIENT_TIMEOUT_KEY = TABLE + "client_timeout_seconds";
    static final String HANDSHAKE_TIMEOUT_KEY = TABLE + "handshake_timeout_seconds";
    static final String REQUEST_TIMEOUT_KEY = TABLE + "request_timeout_seconds";
    static final String MAX_CONNECTIONS_KEY = TABLE + "max_connections";
    static final String MAX_FAILED_LOGINS_KEY = TABLE + "max_failed_logins";
    static final String LOGIN_LOCKOUT_KEY = TABLE + "login_lockout_seconds";
    static final String MAX_CONCURRENT_LOGINS_KEY = TABLE + "max_concurrent_logins";

    private ThriftConfiguration() {
    }

    /** @throws ConfigException naming the key, the rule and the value */
    public static ThriftEntitlementSettings settings(DeploymentConfig config) {
        ThriftEntitlementSettings d = ThriftEntitlementSettings.defaults();
        return new ThriftEntitlementSettings(d.policyFile(), d.usersFile(), d.adminPasswordFile(),
                seconds(config, SESSION_TIMEOUT_KEY, d.sessionIdleTimeout(), 31_536_000),
                d.maxSessions(),
                seconds(config, CLIENT_TIMEOUT_KEY, d.clientTimeout(), 86_400),
                seconds(config, HANDSHAKE_TIMEOUT_KEY, d.handshakeTimeout(), 3_600),
                seconds(config, REQUEST_TIMEOUT_KEY, d.requestTimeout(), 3_600),
                count(config, MAX_CONNECTIONS_KEY, d.maxConnections(), 10_000),
                d.maxMessageBytes(), d.maxRequestBytes(), d.passwordIterations(),
                count(config, MAX_FAILED_LOGINS_KEY, d.maxFailedLogins(), 1_000),
                seconds(config, LOGIN_LOCKOUT_KEY, d.loginLockout(), 86_400),
                count(config, MAX_CONCURRENT_LOGINS_KEY, d.maxConcurrentLogins(), 1_000),
                d.stopTimeout());
    }

    private static Duration seconds(DeploymentConfig config, String key, Duration fallback, int max) {
        return Duration.ofSeconds(count(config, key, (int) fallback.toSeconds(), max));
    }

    private static int count(DeploymentConfig config, String key, int fallback, int max) {
        int value = config.integer(key).orElse(fallback);
        if (value < 1 || value > max) {
            throw new ConfigException(config.where(key) + " must be 1.." + max + " (was " + value + ")");
        }
        return value;
    }
}
