package io.berth.server.config;

import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key deployment.toml may hold, with its type. WSO2's own key names are used wherever WSO2
 * has one, so a WSO2 user's ports section works unchanged. Each port's key comes from the
 * catalogue, so a port cannot be added without its key.
 */
public final class ConfigSchema {

    private static final Map<String, ValueType> KEYS = build();

    private ConfigSchema() {
    }

    private static Map<String, ValueType> build() {
        Map<String, ValueType> keys = new LinkedHashMap<>();
        keys.put("server.hostname", ValueType.STRING);
        keys.put("server.offset", ValueType.SCALAR);
        keys.put("server.product", ValueType.STRING);
        for (PortDefinition port : PortCatalogue.BERTH.ports()) {
            keys.put(port.configKey(), ValueType.INTEGER);
        }
        for (PortDefinition port : PortCatalogue.BERTH.ports()) {
            keys.put(SocketBindingConfiguration.key(port.id(), SocketBindingConfiguration.BIND_ADDRESS), ValueType.STRING);
            keys.put(SocketBindingConfiguration.key(port.id(), SocketBindingConfiguration.ADVERTISED_ADDRESS), ValueType.STRING);
        }
        keys.put("transport.https.properties.proxyPort", ValueType.INTEGER);
        keys.put("transport.https.properties.http2", ValueType.BOOLEAN);
        keys.put("transport.http.properties.http2", ValueType.BOOLEAN);
        keys.put("transport.http.properties.proxyPort", ValueType.INTEGER);
        keys.put("transport.http.properties.redirect_to_https", ValueType.BOOLEAN);
        keys.put("keystore.primary.file_name", ValueType.STRING);
        keys.put("keystore.primary.type", ValueType.STRING);
        keys.put("keystore.primary.password", ValueType.STRING);
        keys.put("keystore.primary.alias", ValueType.STRING);
        keys.put("keystore.primary.key_password", ValueType.STRING);
        keys.put("monitoring.jmx.rmi_server_start", ValueType.BOOLEAN);
        keys.put("monitoring.jmx.username", ValueType.STRING);
        keys.put("monitoring.jmx.password", ValueType.STRING);
        keys.put("clustering.membership_scheme", ValueType.STRING);
        keys.put("clustering.local_member_host", ValueType.STRING);
        keys.put("clustering.members", ValueType.STRING_LIST);
        keys.put("clustering.multicast_group", ValueType.STRING);
        keys.put("clustering.domain", ValueType.STRING);
        keys.put("clustering.heartbeat_interval_seconds", ValueType.INTEGER);
        keys.put("clustering.failure_timeout_seconds", ValueType.INTEGER);
        keys.put("clustering.members_missing_seconds", ValueType.INTEGER);
        keys.put("clustering.secret", ValueType.STRING);
        // WSO2's kubernetes-membership-scheme parameters (io.berth.server.cluster.KubernetesConfiguration reads them).
        for (String name : List.of("membershipSchemeClassName", "KUBERNETES_NAMESPACE", "KUBERNETES_SERVICES",
                "KUBERNETES_API_SERVER", "KUBERNETES_MASTER", "BEARER_TOKEN_FILE_LOCATION", "KUBERNETES_CA_CERTIFICATE_FILE",
                "KUBERNETES_API_SERVER_USERNAME", "KUBERNETES_API_SERVER_PASSWORD", "KUBERNETES_MASTER_USERNAME",
                "KUBERNETES_MASTER_PASSWORD")) {
            keys.put("clustering.properties." + name, ValueType.STRING);
        }
        keys.put("clustering.properties.USE_DNS", ValueType.BOOLEAN);
        keys.put("clustering.properties.KUBERNETES_MASTER_SKIP_SSL_VERIFICATION", ValueType.BOOLEAN);
        keys.put("clustering.properties.DNS_LOOKUP_TIMEOUT", ValueType.INTEGER);
        keys.put("kdc.enable", ValueType.BOOLEAN);
        keys.put("kdc.realm", ValueType.STRING);
        keys.put("kdc.principals", ValueType.TABLE_LIST);
        keys.put("kdc.max_tcp_connections", ValueType.INTEGER);
        keys.put("kdc.idle_timeout_seconds", ValueType.INTEGER);
        keys.put("kdc.request_timeout_seconds", ValueType.INTEGER);
        keys.put("entitlement.thrift.enable", ValueType.BOOLEAN);
        keys.put("entitlement.thrift.session_timeout_seconds", ValueType.INTEGER);
        keys.put("entitlement.thrift.client_timeout_seconds", ValueType.INTEGER);
        keys.put("entitlement.thrift.handshake_timeout_seconds", ValueType.INTEGER);
        keys.put("entitlement.thrift.request_timeout_seconds", ValueType.INTEGER);
        keys.put("entitlement.thrift.max_connections", ValueType.INTEGER);
        keys.put("entitlement.thrift.max_failed_logins", ValueType.INTEGER);
        keys.put("entitlement.thrift.login_lockout_seconds", ValueType.INTEGER);
        keys.put("entitlement.thrift.max_concurrent_logins", ValueType.INTEGER);
        return Map.copyOf(keys);
    }

    public static Optional<ValueType> typeOf(String dottedKey) {
        return Optional.ofNullable(KEYS.get(dottedKey));
    }

    /** The known key closest to an unknown one, by edit distance, for "did you mean". */
    public static String nearest(String unknownKey) {
        return Nearest.of(unknownKey, KEYS.keySet()).orElseThrow();
    }
}
