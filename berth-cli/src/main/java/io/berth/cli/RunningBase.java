package io.berth.cli;

import io.berth.server.config.PortSettings;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.lifecycle.RuntimeFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running instance of the Berth base a command reads the configuration of: the base is the directory whose
 * {@code conf/deployment.toml} the settings came from. Commands that plan or edit that base's ports ask it, since
 * the ports its instance holds are the base's own, and an edited offset reaches the instance only at its restart.
 */
final class RunningBase {

    private RunningBase() {
    }

    /** The live instance of the base of {@code settings}; empty for a WSO2 home, a file outside a base, or none running. */
    static Optional<InstanceRecord> of(PortSettings settings) {
        if (settings.config() == null || settings.file() == null) {
            return Optional.empty();
        }
        Path conf = settings.file().toAbsolutePath().normalize().getParent();
        if (conf == null || conf.getParent() == null || !conf.getFileName().toString().equals("conf")) {
            return Optional.empty();
        }
        return new RuntimeFile(conf.getParent()).readLive();
    }
}
