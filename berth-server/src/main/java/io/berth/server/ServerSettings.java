package io.berth.server;

import io.berth.server.cluster.ClusterConfiguration;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.SocketBindingConfiguration;
import io.berth.server.config.Product;
import io.berth.server.config.UndefinedReferenceException;
import io.berth.server.jmx.JmxSettings;
import io.berth.server.kdc.KdcConfiguration;
import io.berth.server.thrift.ThriftConfiguration;
import java.util.List;

/**
 * Every feature's settings of a Berth deployment.toml, built once when the file is loaded, so that
 * {@code ports}, {@code plan} and {@code start} give one verdict on a file: what {@code start} would
 * refuse in the file, every command refuses, with a message naming the TOML key, the rule and the value.
 *
 * <p>A reference to a variable the command's environment does not hold ({@code "$env{ALICE_PASSWORD}"})
 * is not a fault of the file: only a command that reads that key stops on it, so {@code ports} in an
 * operator's shell works on a file whose secrets only the server's environment holds.
 */
public final class ServerSettings {

    private ServerSettings() {
    }

    /** @throws io.berth.server.config.ConfigException naming the first key whose value a feature cannot use */
    public static void validate(DeploymentConfig config) {
        List<Runnable> features = List.of(
                () -> Product.of(config),
                () -> JmxSettings.of(config),
                () -> KdcConfiguration.settings(config),
                () -> ThriftConfiguration.settings(config),
                () -> ClusterConfiguration.settings(config),
                // Every address: [server] hostname and each bind or advertised address resolves, as start needs.
                () -> SocketBindingConfiguration.read(config));
        for (Runnable feature : features) {
            try {
                feature.run();
            } catch (UndefinedReferenceException environment) {
                // The environment's, not the file's: the command that reads the key reports it.
            }
        }
    }
}
