package io.berth.cli;

import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.DeploymentConfigLoader;
import io.berth.server.config.PortPlanRequest;
import io.berth.server.config.References;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that pick an instance's configuration and offset, shared by every command that plans ports. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "deployment.toml to read (default: <home>/conf/deployment.toml)")
    Path config;

    @Option(names = {"--offset", "--port-offset"}, paramLabel = "N|auto",
            description = "Port offset; wins over -DportOffset and [server] offset")
    String offset;

    /** The options as {@link StartArguments} read them without picocli. */
    static ConfigOptions of(Path config, String offset) {
        ConfigOptions options = new ConfigOptions();
        options.config = config;
        options.offset = offset;
        return options;
    }

    /**
     * Loads the configuration, printing its warnings to {@code err}. Without {@code --config}, a home
     * with no deployment.toml runs at every default.
     */
    DeploymentConfig load(PrintWriter err) {
        Path file = config != null ? config : BerthHome.defaultConfig();
        if (config == null && !Files.exists(file)) {
            return DeploymentConfig.empty(file);
        }
        DeploymentConfig loaded = new DeploymentConfigLoader(References.ofProcess()).load(file);
        Warnings.print(err, file, loaded.warnings(), false);
        return loaded;
    }

    PortPlanRequest request(PrintWriter err) {
        return PortPlanRequest.of(load(err), offset);
    }
}
