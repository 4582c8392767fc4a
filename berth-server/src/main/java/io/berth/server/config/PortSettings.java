package io.berth.server.config;

import io.berth.ports.OffsetSetting;
import io.berth.ports.PortLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What planning needs from one configuration: its file, its ports before any offset and its
 * offset setting. Read from a Berth deployment.toml, or from a WSO2 product's with WSO2's defaults.
 *
 * @param product  {@code identity-server} or {@code carbon}, for views
 * @param warnings things the reader noticed but did not refuse
 */
public record PortSettings(Path file, HomeKind kind, String product, PortLayout layout, OffsetSetting offset,
        List<String> warnings) {

    /** The two kinds of home whose deployment.toml Berth reads. */
    public enum HomeKind {
        BERTH("conf/deployment.toml"),
        WSO2("repository/conf/deployment.toml");

        private final String configPath;

        HomeKind(String configPath) {
            this.configPath = configPath;
        }

        public Path config(Path home) {
            return home.resolve(configPath);
        }
    }

    public PortSettings {
        warnings = List.copyOf(warnings);
    }

    public static PortSettings of(DeploymentConfig config) {
        return new PortSettings(config.file(), HomeKind.BERTH, Product.of(config).wireName(),
                PortConfiguration.layout(config), PortConfiguration.offset(config), config.warnings());
    }

    /**
     * A Berth home (conf/deployment.toml) or a WSO2 product home (repository/conf/deployment.toml).
     *
     * @throws ConfigException when {@code home} is neither
     */
    public static PortSettings ofHome(Path home, References references) {
        Path berth = HomeKind.BERTH.config(home);
        if (Files.isRegularFile(berth)) {
            return of(new DeploymentConfigLoader(references).load(berth));
        }
        if (Files.isRegularFile(HomeKind.WSO2.config(home))) {
            return Wso2Config.read(home, references);
        }
        throw new ConfigException(home + ": not a Berth home (no conf/deployment.toml) nor a WSO2 product home"
                + " (no repository/conf/deployment.toml)");
    }
}
