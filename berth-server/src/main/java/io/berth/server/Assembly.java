package io.berth.server;

import io.berth.ports.Feature;
import io.berth.ports.PortPlan;
import io.berth.ports.SocketProbe;
import io.berth.server.cluster.ClusterConfiguration;
import io.berth.server.cluster.ClusterEndpoint;
import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.PortConfiguration;
import io.berth.server.config.PortPlanRequest;
import io.berth.server.config.Product;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.PortReservedException;
import io.berth.server.host.Reservation;
import io.berth.server.http.InstanceInfo;
import io.berth.server.http.ServletTransportEndpoint;
import io.berth.server.jmx.JmxEndpoint;
import io.berth.server.kdc.KdcConfiguration;
import io.berth.server.kdc.KdcEndpoint;
import io.berth.server.jmx.JmxSettings;
import io.berth.server.lifecycle.Instance;
import io.berth.server.report.Json;
import io.berth.server.report.PortReport;
import io.berth.server.security.KeyStoreSettings;
import io.berth.server.security.KeyStores;
import io.berth.server.security.ServerIdentity;
import io.berth.server.thrift.ThriftConfiguration;
import io.berth.server.thrift.ThriftEntitlementEndpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Set;

/** Wires an instance from its configuration: one endpoint per enabled feature, in start order. */
public final class Assembly {

    public static final String HOSTNAME_KEY = "server.hostname";
    private static final String REDIRECT_KEY = "transport.http.properties.redirect_to_https";

    private Assembly() {
    }

    /** {@code [server] hostname}, {@code localhost} by default. */
    public static String hostname(DeploymentConfig config) {
        return config.string(HOSTNAME_KEY).orElse("localhost");
    }

    /**
     * Picks (for {@code auto}) and claims the ports of an instance of {@code home} in the host registry. It comes
     * first in a start, before keys are loaded or endpoints built, and holds the registry's locks only for the
     * claim itself; the instance made from it owns it and releases it when it stops.
     *
     * @throws PortReservedException when a stated offset wants a socket another instance claimed
     * @throws ConfigException       when {@code [server] hostname} does not resolve
     */
    public static Reservation reserve(Path home, PortPlanRequest request) throws PortReservedException, InterruptedException {
        InetAddress bindAddress = bindAddress(request.config());
        // Every port binds [server] hostname today; a per-port bind address replaces this function.
        return HostRegistry.ofProcess().reserve(home, PortConfiguration.layout(request.config()), request.requestedOffset(),
                id -> bindAddress, new SocketProbe(bindAddress));
    }

    /** The address {@code [server] hostname} names, resolved once. */
    static InetAddress bindAddress(DeploymentConfig config) {
        String hostname = hostname(config);
        try {
            return InetAddress.getByName(hostname);
        } catch (UnknownHostException e) {
            throw new ConfigException(config.file() + ": [server] hostname '" + hostname + "' does not resolve to an address of"
                    + " this host");
        }
    }

    /**
     * @param reservation the instance's claimed ports, from {@link #reserve}; the instance owns it from here on
     * @throws io.berth.server.config.ConfigException for a configured keystore that cannot be used
     */
    public static Instance instance(Path home, DeploymentConfig config, Reservation reservation) {
        String hostname = hostname(config);
        PortPlan plan = reservation.plan();
        ServerIdentity identity = KeyStores.load(KeyStoreSettings.of(config, home), home, hostname);
        Set<Feature> features = PortConfiguration.features(config);
        Instance instance = new Instance(home, config, reservation, hostname);
        InstanceInfo.Configured shown = new InstanceInfo.Configured(Product.of(config).wireName(),
                KdcConfiguration.settings(config).realm());
        instance.with(new ServletTransportEndpoint(identity, config.bool(REDIRECT_KEY, false), instance::snapshot, shown));
        if (features.contains(Feature.JMX)) {
            instance.with(new JmxEndpoint(JmxSettings.of(config), instance::snapshot));
        }
        if (features.contains(Feature.KDC)) {
            instance.with(new KdcEndpoint(KdcConfiguration.settings(config)));
        }
        if (features.contains(Feature.THRIFT_ENTITLEMENT)) {
            instance.with(new ThriftEntitlementEndpoint(identity.sslContext(), ThriftConfiguration.settings(config)));
        }
        ClusterConfiguration.settings(config, hostname).ifPresent(settings -> {
            ClusterEndpoint cluster = new ClusterEndpoint(settings, plan.offset().value(), () -> Json.write(PortReport.of(plan)));
            instance.with(cluster).withCluster(cluster::report);
        });
        return instance;
    }
}
