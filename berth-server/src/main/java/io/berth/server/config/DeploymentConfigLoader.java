package io.berth.server.config;

import io.berth.ports.internal.TomlKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Reads deployment.toml into a checked {@link DeploymentConfig}. All checks of the file happen here. */
public final class DeploymentConfigLoader {

    private final References references;

    public DeploymentConfigLoader(References references) {
        this.references = references;
    }

    /**
     * @throws ConfigException for an unreadable or malformed file (with line and column), a value of
     *                         the wrong type (with key and expected type), or an undefined reference
     */
    public DeploymentConfig load(Path file) {
        return read(file, TomlFile.readText(file));
    }

    /** The configuration {@code text} holds, named in messages as {@code file}, which is not read. */
    DeploymentConfig read(Path file, String text) {
        TomlFile parsed = TomlFile.parse(file, text);
        TomlParseResult toml = parsed.toml();
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (List<String> path : parsed.keyPaths()) {
            String key = Toml.joinKeyPath(path);
            TomlPosition position = toml.inputPositionOf(path);
            if (position != null) {
                lines.put(key, position.line());
                for (int parts = path.size() - 1; parts > 0; parts--) {
                    // A table is where its first key is, when it has no header line of its own.
                    List<String> tablePath = path.subList(0, parts);
                    TomlPosition table = toml.inputPositionOf(tablePath);
                    lines.putIfAbsent(Toml.joinKeyPath(tablePath), table != null ? table.line() : position.line());
                }
            }
            String where = DeploymentConfig.at(file, position == null ? null : position.line()) + TomlKey.display(key);
            ConfigSchema.typeOf(key).ifPresentOrElse(
                    type -> values.put(key, convertOrDefer(toml.get(path), type, where)),
                    () -> warnings.add(where + " is not a key Berth uses; did you mean "
                            + TomlKey.display(ConfigSchema.nearest(key)) + "?"));
        }
        return new DeploymentConfig(file, values, warnings, lines);
    }

    /** The value, or, when it refers to an undefined variable, that error, thrown only to a reader of the key. */
    private Object convertOrDefer(Object raw, ValueType type, String where) {
        try {
            return convert(raw, type, where);
        } catch (UndefinedReferenceException undefined) {
            return new DeploymentConfig.Unresolved(undefined);
        }
    }

    private Object convert(Object raw, ValueType type, String where) {
        Object value = raw instanceof String text ? references.resolve(text, where) : raw;
        return switch (type) {
            case STRING -> {
                if (value instanceof String text) {
                    yield text;
                }
                throw wrongType(where, type, raw);
            }
            case INTEGER -> toInteger(value, raw, where);
            case BOOLEAN -> {
                if (value instanceof Boolean flag) {
                    yield flag;
                }
                // As WSO2's config-mapper: "true" in quotes is true.
                if (value instanceof String text && (text.strip().equals("true") || text.strip().equals("false"))) {
                    yield Boolean.valueOf(text.strip());
                }
                throw wrongType(where, type, raw);
            }
            case STRING_LIST -> toStringList(value, where);
            case SCALAR -> {
                if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
                    yield value.toString();
                }
                throw wrongType(where, type, raw);
            }
            case TABLE_LIST -> toTableList(value, where);
        };
    }

    /** A whole number, or a string that is or resolves to one: {@code port = "443"}, {@code port = "$env{HTTPS_PORT}"}. */
    private static Integer toInteger(Object value, Object raw, String where) {
        if (value instanceof Long number && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        // As WSO2's config-mapper: a string holding a number is that number (port = "443", or a reference to one).
        if (value instanceof String text && text.strip().matches("-?\\d{1,9}")) {
            return Integer.valueOf(((String) value).strip());
        }
        throw wrongType(where, ValueType.INTEGER, raw);
    }

    private List<String> toStringList(Object value, String where) {
        if (!(value instanceof TomlArray array)) {
            throw wrongType(where, ValueType.STRING_LIST, value);
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String text)) {
                throw wrongItem(where, ValueType.STRING_LIST, i, array.get(i));
            }
            strings.add(references.resolve(text, where));
        }
        return List.copyOf(strings);
    }

    private List<Map<String, Object>> toTableList(Object value, String where) {
        if (!(value instanceof TomlArray array)) {
            throw wrongType(where, ValueType.TABLE_LIST, value);
        }
        List<Map<String, Object>> tables = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            // Element by element: tomlj's TomlArray.containsTables() only throws since arrays may mix types.
            if (!(array.get(i) instanceof TomlTable table)) {
                throw wrongItem(where, ValueType.TABLE_LIST, i, array.get(i));
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            for (String key : table.keySet()) {
                Object item = table.get(key);
                entry.put(key, item instanceof String text ? references.resolve(text, where + "[" + i + "]." + key) : item);
            }
            tables.add(Map.copyOf(entry));
        }
        return List.copyOf(tables);
    }

    private static ConfigException wrongType(String where, ValueType expected, Object actual) {
        return new ConfigException(where + " must be " + expected.text() + " (was " + TomlFile.shown(actual) + ")");
    }

    private static ConfigException wrongItem(String where, ValueType expected, int index, Object item) {
        return new ConfigException(where + " must be " + expected.text() + " (item " + (index + 1) + " is " + TomlFile.shown(item) + ")");
    }
}
