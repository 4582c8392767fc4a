package io.berth.server.jmx;

import io.berth.server.config.DeploymentConfig;
import java.util.Optional;

/**
 * {@code [monitoring.jmx]} credentials. A JMX connector reachable beyond loopback must ask for them;
 * none are shipped.
 */
public record JmxSettings(Optional<String> username, Optional<String> password) {

    public static JmxSettings of(DeploymentConfig config) {
        return new JmxSettings(config.string("monitoring.jmx.username"), config.string("monitoring.jmx.password"));
    }

    boolean hasCredentials() {
        return username.isPresent() && password.isPresent();
    }

    @Override
    public String toString() {
        return "JmxSettings[username=" + username.orElse("(none)") + "]";
    }
}
