package io.berth.server.thrift.xacml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {
    private static String error(String toml) {
        return assertThrows(IllegalArgumentException.class, () -> PolicyFile.parse(toml, "p.toml")).getMessage();
    }

    @Test
    void firstApplicableRuleWinsAndNoRuleIsNotApplicable() {
        PolicySet set = PolicyFile.parse("""
                [[rule]]
                subject = "*"
                resource = "/a/*"
                action = "read"
                effect = "Deny"
                [[rule]]
                subject = "alice"
                resource = "/a/*"
                action = "*"
                effect = "Permit"
                """, "p.toml");
        assertEquals(Decision.DENY, set.decide("alice", "/a/1", "read"));
        assertEquals(Decision.PERMIT, set.decide("alice", "/a/1", "write"));
        assertEquals(Decision.NOT_APPLICABLE, set.decide("bob", "/a/1", "write"));
        assertEquals(Decision.NOT_APPLICABLE, set.decide("alice", "/b/1", "read"));
    }

    @Test
    void errorsNameTheFileTheRuleAndTheProblem() {
        String base = "[[rule]]\nsubject = \"a\"\nresource = \"/x\"\naction = \"read\"\n";
        assertTrue(error(base + "effect = \"Allow\"\n").contains("p.toml: rule #1: effect must be"));
        assertTrue(error(base).contains("p.toml: rule #1: 'effect' is missing"));
        assertTrue(error(base + "effect = \"Permit\"\nsubjct = \"b\"\n").contains("unknown keys [subjct]"));
        assertTrue(error(base + "effect = 1\n").contains("'effect' is not a string"));
        assertTrue(error("[rules]\n").contains("unknown top-level keys [rules]"));
        assertTrue(error("rule = \"x\"\n").contains("array of tables"));
        assertTrue(error("[[rule]\n").startsWith("Invalid TOML in p.toml"));
    }

    @Test
    void missingFileIsCreatedFromTheTemplateWithNoRules(@TempDir Path home) throws Exception {
        Path file = home.resolve("conf/entitlement-policies.toml");
        assertTrue(PolicyFile.loadOrCreate(file).rules().isEmpty());
        assertEquals(PolicyFile.TEMPLATE, Files.readString(file));
    }

    @Test
    void policyFileShippedInTheHomeParses() throws Exception {
        Path example = Path.of("..", "berth-dist", "src", "main", "home", "conf", "entitlement-policies.toml");
        assertTrue(Files.exists(example), example.toAbsolutePath().toString());
        PolicySet set = PolicyFile.loadOrCreate(example);
        assertEquals(Decision.PERMIT, set.decide("alice", "/orders/42", "read"));
    }
}
