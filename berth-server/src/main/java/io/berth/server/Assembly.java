package io.berth.server;

import io.berth.ports.Feature;
import io.berth.ports.PortPlan;
import io.berth.server.cluster.ClusterConfiguration;
import io.berth.server.cluster.ClusterEndpoint;
import io.berth.server.cluster.ClusterSecret;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.PortConfiguration;
import io.berth.server.config.Product;
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
import io.berth.server.thrift.ThriftEntitlementEndpoint;
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
     * @throws io.berth.server.config.ConfigException for a configured keystore or a JMX credentials file that cannot be used
     */
    public static Instance instance(Path home, DeploymentConfig config, PortPlan plan) {
        String hostname = hostname(config);
        ServerIdentity identity = KeyStores.load(KeyStoreSettings.of(config, home), home, hostname);
        Set<Feature> features = PortConfiguration.features(config);
        Instance instance = new Instance(home, config, plan, hostname);
        InstanceInfo.Configured shown = new InstanceInfo.Configured(Product.of(config).wireName(),
                KdcConfiguration.settings(config).realm());
        instance.with(new ServletTransportEndpoint(identity, config.bool(REDIRECT_KEY, false), instance::snapshot, shown));
        if (features.contains(Feature.JMX)) {
            // Checked here, before anything binds or serves: a bad credentials file stops the start cleanly.
            JmxCredentials credentials = JmxCredentials.load(home, JmxSettings.of(config));
            instance.with(new JmxEndpoint(credentials, identity::sslContext, instance::snapshot));
        }
        if (features.contains(Feature.KDC)) {
            instance.with(new KdcEndpoint(KdcConfiguration.settings(config)));
        }
        if (features.contains(Feature.THRIFT_ENTITLEMENT)) {
            instance.with(new ThriftEntitlementEndpoint(identity.sslContext(), ThriftConfiguration.settings(config)));
        }
        ClusterConfiguration.settings(config, hostname).ifPresent(settings -> {
            ClusterSecret secret = ClusterSecret.resolve(config.string(ClusterSecret.KEY), home);
            ClusterEndpoint cluster = new ClusterEndpoint(settings, secret, plan.offset().value(), () -> Json.write(PortReport.of(plan)));
            instance.with(cluster).withCluster(cluster::report);
        });
        return instance;
    }
}
