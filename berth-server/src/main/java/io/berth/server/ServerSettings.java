package io.berth.server;

import io.berth.server.cluster.ClusterConfiguration;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.Product;
import io.berth.server.jmx.JmxSettings;
import io.berth.server.kdc.KdcConfiguration;
import io.berth.server.thrift.ThriftConfiguration;

/**
 * Every feature's settings of a Berth deployment.toml, built once when the file is loaded, so that
 * {@code ports}, {@code plan} and {@code start} give one verdict on a file: what {@code start} would
 * refuse, every command refuses, with a message naming the TOML key, the rule and the value.
 */
public final class ServerSettings {

    private ServerSettings() {
    }

    /** @throws io.berth.server.config.ConfigException naming the first key whose value a feature cannot use */
    public static void validate(DeploymentConfig config) {
        String hostname = Assembly.hostname(config);
        Product.of(config);
        JmxSettings.of(config);
        KdcConfiguration.settings(config);
        ThriftConfiguration.settings(config);
        ClusterConfiguration.settings(config, hostname);
    }
}
