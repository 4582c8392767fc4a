package io.berth.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [[kdc.principals]]}: TOML's array of tables, the one key of that type. */
class ArrayOfTablesTest {

    @TempDir
    Path dir;

    private final DeploymentConfigLoader loader = new DeploymentConfigLoader(new References(
            Map.of("ALICE_PASSWORD", "from-env")::get, Map.<String, String>of()::get));

    private DeploymentConfig load(String toml) throws IOException {
        Path file = dir.resolve("deployment.toml");
        Files.writeString(file, toml);
        return loader.load(file);
    }

    @Test
    void principalsAreReadAsTablesWithReferencesResolved() throws IOException {
        DeploymentConfig config = load("""
                [kdc]
                realm = "BERTH.IT"

                [[kdc.principals]]
                name = "alice"
                password = "$env{ALICE_PASSWORD}"

                [[kdc.principals]]
                name = "bob"
                password = "plain"
                """);
        List<Map<String, Object>> principals = config.tables("kdc.principals");
        assertEquals(List.of(Map.of("name", "alice", "password", "from-env"), Map.of("name", "bob", "password", "plain")),
                principals);
    }

    @Test
    void anArrayOfOtherThingsIsATypeError() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                [kdc]
                principals = ["alice"]
                """).tables("kdc.principals"));
        assertTrue(e.getMessage().contains("must be an array of tables"), e.getMessage());
    }
}
