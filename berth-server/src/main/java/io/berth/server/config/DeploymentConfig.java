package io.berth.server.config;

import io.berth.ports.internal.TomlKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded deployment.toml: every key checked against {@link ConfigSchema}, references resolved,
 * values of the type the schema names. Readers ask by key; an absent key means "use the default".
 *
 * @param file     where it was read from, for messages
 * @param values   resolved values by dotted key: String, Integer, Boolean, List of String, a list of tables, or
 *                 {@link Unresolved}
 * @param warnings unknown keys, each with the nearest known key
 * @param lines    the line (from 1) each dotted key and each table was written on, as the TOML parser found it;
 *                 a key the file does not hold has none
 */
public record DeploymentConfig(Path file, Map<String, Object> values, List<String> warnings, Map<String, Integer> lines) {

    public DeploymentConfig {
        values = Map.copyOf(values);
        warnings = List.copyOf(warnings);
        lines = Map.copyOf(lines);
    }

    /** A configuration whose keys' lines are not known. */
    public DeploymentConfig(Path file, Map<String, Object> values, List<String> warnings) {
        this(file, values, warnings, Map.of());
    }

    /** A configuration with every key at its default, as when no file is given. */
    public static DeploymentConfig empty(Path file) {
        return new DeploymentConfig(file, Map.of(), List.of());
    }

    public Optional<String> string(String key) {
        return typed(key, ValueType.STRING, String.class);
    }

    public Optional<Integer> integer(String key) {
        return typed(key, ValueType.INTEGER, Integer.class);
    }

    public boolean bool(String key, boolean defaultValue) {
        return typed(key, ValueType.BOOLEAN, Boolean.class).orElse(defaultValue);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        return typed(key, ValueType.STRING_LIST, List.class).map(list -> (List<String>) list).orElse(List.of());
    }

    /** A number or string key as text, for its reader to judge: {@code "3"}, {@code "auto"}. */
    public Optional<String> scalar(String key) {
        return typed(key, ValueType.SCALAR, String.class);
    }

    /** The entries of an array of tables, each as a map of its own keys to their values. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> tables(String key) {
        return typed(key, ValueType.TABLE_LIST, List.class).map(list -> (List<Map<String, Object>>) list).orElse(List.of());
    }

    private <T> Optional<T> typed(String key, ValueType expected, Class<T> javaType) {
        ValueType declared = ConfigSchema.typeOf(key)
                .orElseThrow(() -> new IllegalArgumentException("key not in the schema: " + key));
        if (declared != expected) {
            throw new IllegalArgumentException("key " + key + " is " + declared + ", not " + expected);
        }
        Object value = values.get(key);
        if (value instanceof Unresolved unresolved) {
            throw unresolved.error();
        }
        return Optional.ofNullable(value).map(javaType::cast);
    }

    /** A value that refers to an undefined variable: what its reader is told. */
    public record Unresolved(UndefinedReferenceException error) {
    }

    /**
     * {@code conf/deployment.toml:4: [server] offset}: the way every message names one key of this file, the file
     * as the user gave it, and the key's line where the file holds it. A table ({@code "kdc"}) is named {@code [kdc]}.
     */
    public String where(String key) {
        return at(key) + (key.contains(".") || key.contains("#") ? TomlKey.display(key) : "[" + key + "]");
    }

    /** {@code conf/deployment.toml:4: }: the file as given and, where the file holds {@code key}, its line. */
    public String at(String key) {
        return at(file, lines.get(key));
    }

    /** {@code FILE:LINE: }, or {@code FILE: } without a line: how a message names a place in a configuration file. */
    public static String at(Path file, Integer line) {
        return file + (line == null ? "" : ":" + line) + ": ";
    }
}
