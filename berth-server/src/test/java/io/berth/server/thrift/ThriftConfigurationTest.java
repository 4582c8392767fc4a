package io.berth.server.thrift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.server.config.ConfigException;
import io.berth.server.config.DeploymentConfig;
import io.berth.server.config.DeploymentConfigLoader;
import io.berth.server.config.References;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThriftConfigurationTest {
    @TempDir
    Path dir;

    private DeploymentConfig config(String toml) throws Exception {
        Path file = dir.resolve("deployment.toml");
        Files.writeString(file, toml);
        return new DeploymentConfigLoader(new References(name -> null, name -> null)).load(file);
    }

    @Test
    void defaultsAreWso2sAndSafeBounds() throws Exception {
        ThriftEntitlementSettings s = ThriftConfiguration.settings(config("[server]\n"));
        assertEquals(Duration.ofMinutes(30), s.sessionIdleTimeout()); // WSO2's ThriftSessionTimeout
        assertEquals(Duration.ofSeconds(30), s.clientTimeout());      // WSO2's ClientTimeout
        assertEquals(Duration.ofSeconds(10), s.handshakeTimeout());
        assertEquals(100, s.maxConnections());
        assertEquals(5, s.maxFailedLogins());
        assertEquals(Duration.ofSeconds(60), s.loginLockout());
        assertTrue(s.maxConcurrentLogins() >= 1);
    }

    @Test
    void everyLimitIsReadFromItsKey() throws Exception {
        ThriftEntitlementSettings s = ThriftConfiguration.settings(config("""
                [entitlement.thrift]
                session_timeout_seconds = 60
                client_timeout_seconds = 20
                handshake_timeout_seconds = 3
                request_timeout_seconds = 7
                max_connections = 12
                max_failed_logins = 2
                login_lockout_seconds = 300
                max_concurrent_logins = 1
                """));
        assertEquals(new ThriftEntitlementSettings(s.policyFile(), s.usersFile(), s.adminPasswordFile(),
                Duration.ofSeconds(60), s.maxSessions(), Duration.ofSeconds(20), Duration.ofSeconds(3),
                Duration.ofSeconds(7), 12, s.maxMessageBytes(), s.maxRequestBytes(), s.passwordIterations(), 2,
                Duration.ofSeconds(300), 1, s.stopTimeout()), s);
    }

    @Test
    void aValueOutOfRangeNamesTheKeyTheRuleAndTheValue() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ThriftConfiguration.settings(config("[entitlement.thrift]\nmax_connections = 0\n")));
        assertTrue(e.getMessage().contains("max_connections must be 1..10000 (was 0)"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> ThriftConfiguration.settings(config("[entitlement.thrift]\nhandshake_timeout_seconds = -5\n")));
        assertTrue(e.getMessage().contains("handshake_timeout_seconds must be 1..3600 (was -5)"), e.getMessage());
    }
}
