package io.berth.server.config;

import io.berth.ports.BindAddress;
import io.berth.ports.HostPort;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.SocketBinding;
import io.berth.ports.SocketBindings;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads where each port binds and what it advertises: WildFly's interface and client mapping, in one
 * table keyed by port id. Every key is optional; {@code [server] hostname} alone gives every port its
 * bind address and its advertised host.
 *
 * <pre>
 * [socket_binding.https]
 * bind_address = "0.0.0.0"                      # default: [server] hostname, every address it resolves to
 * advertised_address = "berth.example.org:443"  # host[:port]; default: [server] hostname, never a wildcard
 * </pre>
 *
 * <p>Defaults, per port: the bind address is {@code [server] hostname} ({@code [clustering] local_member_host}
 * for the cluster ports). The advertised host is the hostname too, unless that is a wildcard: then a name or
 * address of this machine that others can dial ({@link LocalHost}). The advertised port is the effective
 * port, except for the servlet transports, whose WSO2 key {@code proxyPort} gives it.
 */
public final class SocketBindingConfiguration {

    public static final String HOSTNAME_KEY = "server.hostname";
    public static final String TABLE = "socket_binding";
    public static final String BIND_ADDRESS = "bind_address";
    public static final String ADVERTISED_ADDRESS = "advertised_address";
    static final String LOCAL_MEMBER_HOST_KEY = "clustering.local_member_host";
    private static final Map<String, String> PROXY_PORT_KEYS = Map.of(
            "https", "transport.https.properties.proxyPort",
            "http", "transport.http.properties.proxyPort");
    private static final List<String> CLUSTER_PORTS = List.of("cluster-wka", "cluster-multicast");

    private SocketBindingConfiguration() {
    }

    /** {@code [server] hostname}, {@code localhost} by default. */
    public static String hostname(DeploymentConfig config) {
        return config.string(HOSTNAME_KEY).orElse("localhost");
    }

    /** The dotted key {@code socket_binding.<id>.<name>}. */
    public static String key(String portId, String name) {
        return TABLE + "." + portId + "." + name;
    }

    /**
     * The binding of every catalogue port. Resolves names, so it needs the resolver; {@code berth ports}
     * does not call it.
     *
     * @throws ConfigException naming the key whose value does not resolve or does not parse
     */
    public static SocketBindings read(DeploymentConfig config) {
        List<SocketBinding> bindings = new ArrayList<>();
        for (PortDefinition port : PortCatalogue.BERTH.ports()) {
            bindings.add(binding(config, port.id()));
        }
        return new SocketBindings(bindings);
    }

    private static SocketBinding binding(DeploymentConfig config, String id) {
        String hostKey = CLUSTER_PORTS.contains(id) && config.string(LOCAL_MEMBER_HOST_KEY).isPresent()
                ? LOCAL_MEMBER_HOST_KEY : HOSTNAME_KEY;
        String host = hostKey.equals(HOSTNAME_KEY) ? hostname(config) : config.string(hostKey).orElseThrow();
        String bindKey = key(id, BIND_ADDRESS);
        Optional<String> bindName = config.string(bindKey);
        BindAddress bind = resolve(config, bindName.isPresent() ? bindKey : hostKey, bindName.orElse(host));

        String advertisedKey = key(id, ADVERTISED_ADDRESS);
        HostPort advertised;
        try {
            advertised = config.string(advertisedKey).map(HostPort::parse).orElseGet(() -> new HostPort(
                    BindAddress.isWildcard(host) ? LocalHost.advertisable(!host.contains(":")) : host, 0));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.where(advertisedKey) + ": " + e.getMessage());
        }
        if (BindAddress.isWildcard(advertised.host())) {
            throw new ConfigException(config.where(advertisedKey) + " must not be a wildcard (was "
                    + advertised.host() + "): clients cannot dial it; name this host as they reach it");
        }
        int port = advertised.port();
        String proxyKey = PROXY_PORT_KEYS.get(id);
        if (proxyKey != null && config.integer(proxyKey).isPresent()) {
            if (advertised.hasPort()) {
                throw new ConfigException(config.where(advertisedKey) + " names a port and " + io.berth.ports.internal.TomlKey.display(proxyKey)
                        + " names another: give the advertised port once");
            }
            port = config.integer(proxyKey).orElseThrow();
        }
        try {
            return new SocketBinding(id, bind, advertised.host(), port);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.where(proxyKey != null ? proxyKey : advertisedKey) + ": " + e.getMessage());
        }
    }

    private static BindAddress resolve(DeploymentConfig config, String key, String name) {
        try {
            return BindAddress.resolve(name);
        } catch (UnknownHostException e) {
            throw new ConfigException(config.where(key) + ": '" + name + "' does not resolve to an address of this host");
        }
    }
}
