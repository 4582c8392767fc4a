package io.berth.cli;

import io.berth.ports.PortSettingsException;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.DeploymentConfigLoader;
import io.berth.server.config.PortSettings;
import io.berth.server.config.References;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Picks one configuration: a Berth deployment.toml, or the home (Berth or WSO2 product) that holds it. */
final class TargetOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "deployment.toml to read (default: <home>/conf/deployment.toml)")
    Path config;

    @Option(names = "--home", paramLabel = "DIR",
            description = "A Berth home (conf/deployment.toml) or a WSO2 product home (repository/conf/deployment.toml)")
    Path home;

    /** The port settings, printing the reader's warnings to {@code err}. */
    PortSettings settings(PrintWriter err) {
        refuseBoth();
        PortSettings settings = home != null ? PortSettings.ofHome(home, References.ofProcess()) : load(config);
        Warnings.print(err, settings.file(), settings.warnings(), false);
        return settings;
    }

    /** A Berth deployment.toml; without a file, the current home's, or every default when it has none. */
    static PortSettings load(Path file) {
        Path path = file != null ? file : BerthHome.defaultConfig();
        if (file == null && !Files.exists(path)) {
            return PortSettings.of(DeploymentConfig.empty(path));
        }
        return PortSettings.of(new DeploymentConfigLoader(References.ofProcess()).load(path));
    }

    private void refuseBoth() {
        if (config != null && home != null) {
            throw new PortSettingsException("Give --config FILE or --home DIR, not both (was --config " + config
                    + " --home " + home + ")");
        }
    }
}
