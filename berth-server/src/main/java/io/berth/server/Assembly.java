package io.berth.server;

import io.berth.ports.Feature;
import io.berth.ports.HostPort;
import io.berth.ports.PortCatalogue;
import io.berth.ports.RequestedOffset;
import io.berth.ports.PortPlan;
import io.berth.ports.SocketProbe;
import io.berth.ports.SocketBindings;
import io.berth.server.cluster.ClusterConfiguration;
import io.berth.server.cluster.ClusterEndpoint;
import io.berth.server.config.ConfigException;
import io.berth.server.cluster.ClusterSecret;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.MembershipScheme;
import io.berth.server.config.PortConfiguration;
import io.berth.server.config.Product;
import io.berth.server.config.SocketBindingConfiguration;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.PortReservedException;
import io.berth.server.host.Reservation;
import io.berth.server.http.Http2Settings;
import io.berth.server.http.InstanceInfo;
import io.berth.server.http.ServletTransportEndpoint;
import io.berth.server.jmx.JmxEndpoint;
import io.berth.server.kdc.KdcConfiguration;
import io.berth.server.kdc.KdcEndpoint;
import io.berth.server.jmx.JmxCredentials;
import io.berth.server.jmx.JmxSettings;
import io.berth.server.lifecycle.Instance;
import io.berth.server.report.Json;
import io.berth.server.report.PortReport;
import io.berth.server.security.KeyStoreSettings;
import io.berth.server.security.KeyStores;
import io.berth.server.security.ServerIdentity;
import io.berth.server.thrift.ThriftConfiguration;
import io.berth.server.thrift.ThriftAuthenticatorHandler;
import io.berth.server.thrift.ThriftEntitlementEndpoint;
import io.berth.server.thrift.ThriftEntitlementSettings;
import io.berth.server.thrift.auth.EntitlementLogin;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Wires an instance from its configuration: one endpoint per enabled feature, in start order. */
public final class Assembly {

    private static final String REDIRECT_KEY = "transport.http.properties.redirect_to_https";

    private Assembly() {
    }

    /** {@code [server] hostname}, {@code localhost} by default. */
    public static String hostname(DeploymentConfig config) {
        return SocketBindingConfiguration.hostname(config);
    }

    /**
     * Picks (for {@code auto}) and claims the sockets of an instance of {@code home} in the host registry, each
     * port on the addresses its socket binding names. It comes first in a start, before keys are loaded or
     * endpoints built, and holds the registry's locks only for the claim itself; the instance made from it owns
     * it and releases it when it stops.
     *
     * @throws PortReservedException when a stated offset wants a socket another instance claimed
     * @throws io.berth.server.config.ConfigException for an address that does not resolve or parse
     */
    public static Reservation reserve(Path home, DeploymentConfig config, RequestedOffset requested)
            throws PortReservedException, InterruptedException {
        SocketBindings bindings = SocketBindingConfiguration.read(config);
        Set<InetAddress> addresses = new LinkedHashSet<>();
        PortCatalogue.BERTH.ports().forEach(port -> addresses.addAll(bindings.of(port.id()).bind().addresses()));
        // auto probes where the instance will bind: a port held on another address of the host does not stop it.
        return HostRegistry.ofProcess().reserve(home, PortConfiguration.layout(config), requested, bindings,
                new SocketProbe(addresses));
    }

    /**
     * Reads (or, for the install's own, generates or renews) the instance's key and certificate, and makes the TLS
     * context every TLS listener serves from them: a key JSSE refuses stops the start before anything binds.
     * Call it once logging is set up: it logs a key pair it makes, and the JDK asks its security logger about each
     * certificate it parses.
     *
     * @param reservation the instance's claimed ports, from {@link #reserve}; the instance owns it from here on
     * @throws io.berth.server.config.ConfigException for a configured keystore or a JMX credentials file that cannot
     *                                                be used, or an address that does not resolve or parse
     */
    public static Instance instance(Path home, DeploymentConfig config, Reservation reservation) {
        PortPlan plan = reservation.plan();
        SocketBindings bindings = SocketBindingConfiguration.read(config);
        Set<Feature> features = PortConfiguration.features(config);
        ServerIdentity server = KeyStores.load(KeyStoreSettings.of(config, home), home, certificateNames(config, bindings));
        server.sslContext();   // now: a key JSSE refuses stops the start before anything binds
        String consoleUrl = bindings.advertised(plan, ServletTransportEndpoint.HTTPS).url("https", "/console");
        String jmxServiceUrl = features.contains(Feature.JMX)
                ? JmxEndpoint.serviceUrl(bindings.advertised(plan, JmxEndpoint.REGISTRY), bindings.advertised(plan, JmxEndpoint.SERVER))
                : null;
        Instance instance = new Instance(home, reservation, bindings, consoleUrl, jmxServiceUrl);
        InstanceInfo.Configured shown = new InstanceInfo.Configured(Product.of(config).wireName(),
                KdcConfiguration.settings(config).realm());
        ServletTransportEndpoint servlets = new ServletTransportEndpoint(server, config.bool(REDIRECT_KEY, false),
                Http2Settings.of(config), instance::snapshot, shown);
        instance.with(servlets);
        if (features.contains(Feature.JMX)) {
            // Checked here, before anything binds or serves: a bad credentials file stops the start cleanly.
            JmxCredentials credentials = JmxCredentials.load(home, JmxSettings.of(config));
            instance.with(new JmxEndpoint(credentials, server::sslContext, instance::snapshot));
        }
        if (features.contains(Feature.KDC)) {
            instance.with(new KdcEndpoint(KdcConfiguration.settings(config), KdcConfiguration.limits(config)));
        }
        if (features.contains(Feature.THRIFT_ENTITLEMENT)) {
            // As WSO2: logins over HTTPS at /thriftAuthenticator, decisions on the Thrift port, one session store.
            ThriftEntitlementSettings thrift = ThriftConfiguration.settings(config);
            EntitlementLogin login = ThriftEntitlementEndpoint.login(thrift);
            servlets.mount(new ThriftAuthenticatorHandler(login, thrift.maxConcurrentLogins()));
            instance.with(new ThriftEntitlementEndpoint(server::sslContext, thrift, login));
        }
        ClusterConfiguration.settings(config).ifPresent(settings -> {
            if (!settings.scheme().runsInBerth()) {
                throw new ConfigException(config.where(MembershipScheme.KEY) + " = \"" + settings.scheme().wireName()
                        + "\" is read for planning, but Berth's own cluster runs " + MembershipScheme.runnable()
                        + "; use one of those to start");
            }
            ClusterSecret secret = ClusterSecret.resolve(config.string(ClusterSecret.KEY), home);
            ClusterEndpoint cluster = new ClusterEndpoint(settings, secret, plan.offset().value(),
                    () -> Json.write(PortReport.of(plan, bindings)));
            instance.with(cluster).withCluster(cluster::report);
        });
        return instance;
    }

    /** What a generated certificate names: every host clients dial for a TLS port, the console's and Thrift's. */
    private static List<String> certificateNames(DeploymentConfig config, SocketBindings bindings) {
        List<String> names = new ArrayList<>();
        names.add(hostname(config));
        for (String id : List.of(ServletTransportEndpoint.HTTPS, ThriftEntitlementEndpoint.PORT_ID)) {
            names.add(bindings.of(id).advertisedHost());
            bindings.of(id).bind().addresses().stream().filter(address -> !address.isAnyLocalAddress())
                    .forEach(address -> names.add(HostPort.literal(address)));
        }
        return names;
    }
}
