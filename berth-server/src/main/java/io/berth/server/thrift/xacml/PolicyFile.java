package io.berth.server.thrift.xacml;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads the entitlement policy file, a TOML array of {@code [[rule]]} tables:
 * <pre>
 * [[rule]]
 * subject  = "alice"      # exact subject-id, or "*"
 * resource = "/orders/*"  # glob, see ResourcePattern
 * action   = "read"       # exact action-id, or "*"
 * effect   = "Permit"     # Permit | Deny
 * </pre>
 * Rules are tried in file order. Unknown keys are errors, so that a typo cannot silently widen
 * a rule.
 */
public final class PolicyFile {
    private static final System.Logger LOG = System.getLogger(PolicyFile.class.getName());
    private static final Set<String> KEYS = Set.of("subject", "resource", "action", "effect");

    /** Written on first start: documents the format and decides nothing (every request is NotApplicable). */
    static final String TEMPLATE = """
            # Berth Thrift entitlement policies (XACML decisions for ThriftEntitlementReceivePort).
            # Rules are tried in order; the first whose subject, resource and action all match
            # decides (effect Permit or Deny). If none matches the decision is NotApplicable.
            #   subject  = exact subject-id, or "*" for anyone
            #   resource = glob: "*" matches within one path segment, "**" across segments
            #   action   = exact action-id, or "*" for any action
            #   effect   = "Permit" or "Deny"
            #
            # [[rule]]
            # subject  = "alice"
            # resource = "/orders/*"
            # action   = "read"
            # effect   = "Permit"
            """;

    private PolicyFile() {
    }

    /** Loads {@code file}; if it does not exist, writes the commented template first. */
    public static PolicySet loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, TEMPLATE, StandardCharsets.UTF_8);
            LOG.log(Level.INFO, "Created {0} with no rules: every entitlement decision is NotApplicable", file);
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** @param source names the input in error messages */
    public static PolicySet parse(String toml, String source) {
        TomlParseResult result = Toml.parse(toml);
        if (result.hasErrors()) {
            throw new IllegalArgumentException("Invalid TOML in " + source + ": " + result.errors().stream()
                    .map(Object::toString).collect(Collectors.joining("; ")));
        }
        Set<String> unknownTop = new TreeSet<>(result.keySet());
        unknownTop.remove("rule");
        if (!unknownTop.isEmpty()) {
            throw new IllegalArgumentException(source + ": unknown top-level keys " + unknownTop + "; expected only [[rule]] tables");
        }
        if (result.get("rule") != null && !result.isArray("rule")) {
            throw new IllegalArgumentException(source + ": 'rule' must be an array of tables, written [[rule]]");
        }
        TomlArray array = result.getArrayOrEmpty("rule");
        List<PolicyRule> rules = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof TomlTable table)) {
                throw new IllegalArgumentException(source + ": rule #" + (i + 1) + " must be a table");
            }
            rules.add(rule(table, source + ": rule #" + (i + 1)));
        }
        return new PolicySet(rules);
    }

    private static PolicyRule rule(TomlTable table, String where) {
        Set<String> unknown = new TreeSet<>(table.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown keys " + unknown + "; allowed are " + new TreeSet<>(KEYS));
        }
        String effect = string(table, "effect", where);
        Decision decision = switch (effect) {
            case "Permit" -> Decision.PERMIT;
            case "Deny" -> Decision.DENY;
            default -> throw new IllegalArgumentException(where + ": effect must be \"Permit\" or \"Deny\", got \"" + effect + "\"");
        };
        ResourcePattern resource;
        try {
            resource = ResourcePattern.of(string(table, "resource", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        return new PolicyRule(string(table, "subject", where), resource, string(table, "action", where), decision);
    }

    private static String string(TomlTable table, String key, String where) {
        if (!table.isString(key)) {
            throw new IllegalArgumentException(where + ": '" + key + "' is "
                    + (table.get(key) == null ? "missing" : "not a string"));
        }
        String value = table.getString(key);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is empty");
        }
        return value;
    }
}
