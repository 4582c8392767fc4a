package io.berth.cli;

import java.nio.file.Path;

/** The server home: the directory holding bin/, conf/, lib/. {@code bin/berth.sh} passes it as {@code berth.home}. */
final class BerthHome {

    static final String PROPERTY = "berth.home";

    private BerthHome() {
    }

    static Path current() {
        String home = System.getProperty(PROPERTY, System.getenv().getOrDefault("BERTH_HOME", "."));
        return Path.of(home).toAbsolutePath().normalize();
    }

    static Path defaultConfig() {
        return current().resolve("conf").resolve("deployment.toml");
    }
}
