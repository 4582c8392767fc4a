package io.berth.server.kdc;

import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code [kdc]} of deployment.toml: the realm and the principals to create at start. */
public final class KdcConfiguration {

    static final String REALM_KEY = "kdc.realm";
    static final String PRINCIPALS_KEY = "kdc.principals";
    public static final String MAX_TCP_CONNECTIONS_KEY = "kdc.max_tcp_connections";
    public static final String IDLE_TIMEOUT_KEY = "kdc.idle_timeout_seconds";
    public static final String REQUEST_TIMEOUT_KEY = "kdc.request_timeout_seconds";

    private KdcConfiguration() {
    }

    /**
     * {@code [kdc] max_tcp_connections}, {@code idle_timeout_seconds}, {@code request_timeout_seconds}.
     *
     * @throws ConfigException naming the key for a value out of range
     */
    public static KdcLimits limits(DeploymentConfig config) {
        KdcLimits defaults = KdcLimits.DEFAULTS;
        try {
            return new KdcLimits(
                    config.integer(MAX_TCP_CONNECTIONS_KEY).orElse(defaults.maxTcpConnections()),
                    java.time.Duration.ofSeconds(config.integer(IDLE_TIMEOUT_KEY).orElse((int) defaults.idleTimeout().toSeconds())),
                    java.time.Duration.ofSeconds(config.integer(REQUEST_TIMEOUT_KEY).orElse((int) defaults.requestTimeout().toSeconds())));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.where("kdc") + " " + e.getMessage());
        }
    }

    /**
     * {@code [[kdc.principals]]} entries hold {@code name} and {@code password}; the password is best
     * given as a reference ({@code "$env{ALICE_PASSWORD}"}) so no secret sits in the file.
     *
     * @throws ConfigException naming the key for a bad realm or principal entry
     */
    public static KdcSettings settings(DeploymentConfig config) {
        List<KdcSettings.PrincipalSpec> principals = new ArrayList<>();
        List<Map<String, Object>> entries = config.tables(PRINCIPALS_KEY);
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = entries.get(i);
            String where = config.where(PRINCIPALS_KEY) + "[" + i + "]";
            if (!(entry.get("name") instanceof String name) || !(entry.get("password") instanceof String password)) {
                throw new ConfigException(where + " needs name and password, both strings");
            }
            try {
                principals.add(new KdcSettings.PrincipalSpec(name, password));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": " + e.getMessage());
            }
        }
        return settings(config, principals);
    }

    /**
     * The realm alone, for what needs nothing else ({@code kdc krb5conf}, {@code kdc add-principal}): the
     * principals' passwords, which may refer to variables only the server's environment holds, are not read.
     *
     * @throws ConfigException naming the key for a bad realm
     */
    public static String realm(DeploymentConfig config) {
        return settings(config, List.of()).realm();
    }

    private static KdcSettings settings(DeploymentConfig config, List<KdcSettings.PrincipalSpec> principals) {
        String realm = config.string(REALM_KEY).orElse(null);
        if (realm != null && realm.isBlank()) {
            // Absent means the default realm; a blank value is a mistake, not a wish for the default.
            throw new ConfigException(config.where(REALM_KEY) + " must not be blank (was \"" + realm + "\"); give a realm such as"
                    + " EXAMPLE.ORG, or remove the key for " + KdcSettings.DEFAULT_REALM);
        }
        try {
            return new KdcSettings(realm, principals, null);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.where(REALM_KEY) + ": " + e.getMessage());
        }
    }
}
