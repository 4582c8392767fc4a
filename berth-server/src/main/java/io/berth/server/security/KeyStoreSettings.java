package io.berth.server.security;

import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code [keystore.primary]}, in the spirit of WSO2's: a keystore the operator brings. Absent, the
 * install generates its own on first start.
 */
public record KeyStoreSettings(Path file, String type, String password, Optional<String> alias, String keyPassword) {

    static final String FILE_KEY = "keystore.primary.file_name";
    static final String PASSWORD_KEY = "keystore.primary.password";

    /** The configured keystore, or empty when the install should use its generated one. */
    public static Optional<KeyStoreSettings> of(DeploymentConfig config, Path home) {
        Optional<String> fileName = config.string(FILE_KEY);
        if (fileName.isEmpty()) {
            return Optional.empty();
        }
        String password = config.string(PASSWORD_KEY).orElseThrow(() -> new ConfigException(
                config.where(PASSWORD_KEY) + " is required when " + "[keystore.primary] file_name is set"));
        return Optional.of(new KeyStoreSettings(
                home.resolve(fileName.get()).normalize(),
                config.string("keystore.primary.type").orElse("PKCS12"),
                password,
                config.string("keystore.primary.alias"),
                config.string("keystore.primary.key_password").orElse(password)));
    }

    @Override
    public String toString() {
        return "KeyStoreSettings[" + file + ", " + type + "]";
    }
}
