package io.berth.server.config;

import io.berth.ports.internal.OneLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * A deployment.toml as tomlj parsed it. Every failure of tomlj's becomes a one-line
 * {@link ConfigException} here: the first parse error, whether tomlj returns it or throws it, with
 * line and column; an exception of tomlj's own on malformed input; and nesting so deep (arrays or
 * inline tables in one another, keys of many parts) that tomlj's recursive parser or its walk over
 * the keys overflows the stack, which it does not guard against.
 *
 * @param file named in messages
 * @param toml the parsed document, free of errors
 */
record TomlFile(Path file, TomlParseResult toml) {

    /** The text of a configuration file. @throws ConfigException when it is missing or cannot be read */
    static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw new ConfigException(file + ": configuration file not found");
        } catch (IOException | SecurityException unreadable) {
            throw new ConfigException(file + ": cannot read configuration file: " + unreadable.getMessage(), unreadable);
        }
    }

    /** @throws ConfigException for malformed TOML, or TOML nested too deeply to read */
    static TomlFile parse(Path file, String text) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(text);
        } catch (TomlParseError thrown) {
            // tomlj returns most errors in the result but throws a few, e.g. for a bad escape in a table name: ["\Ux"].
            throw malformed(file, thrown);
        } catch (RuntimeException parserBug) {
            // And fails outright on some malformed input, e.g. a = 1979-05-27T07:32:00-05- (NullPointerException):
            // the text is still what is wrong, though tomlj cannot say where.
            throw new ConfigException(file + ": malformed TOML that the parser failed on: " + OneLine.of(parserBug.toString()),
                    parserBug);
        } catch (StackOverflowError tooDeep) {
            throw nestedTooDeeply(file);
        }
        if (toml.hasErrors()) {
            throw malformed(file, toml.errors().get(0));
        }
        return new TomlFile(file, toml);
    }

    /** Every key that holds a value, dotted: {@code transport.https.properties.port}. */
    Set<String> dottedKeys() {
        return keyPaths().stream().map(Toml::joinKeyPath).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Every key that holds a value, as the path of its parts: {@code [transport, https, properties, port]}. A part
     * may hold a dot or a quote ({@code "a.b"."c"}), so a dotted key must never be cut at its dots to name a table:
     * take a prefix of its path, and {@code Toml.joinKeyPath} for its text.
     */
    Set<List<String>> keyPaths() {
        try {
            return toml.keyPathSet();
        } catch (StackOverflowError tooDeep) {
            throw nestedTooDeeply(file);
        }
    }

    /**
     * A value of the file as a one-line message shows it. Arrays and tables are named by their kind:
     * tomlj prints them over several lines ({@code toJson}) or not at all ({@code toString}).
     */
    static String shown(Object value) {
        if (value instanceof String text) {
            return "\"" + OneLine.of(text) + "\"";
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        return OneLine.of(String.valueOf(value));
    }

    private static ConfigException malformed(Path file, TomlParseError error) {
        TomlPosition at = error.position();
        return new ConfigException(file + (at == null ? "" : ":" + at.line() + ":" + at.column())
                + ": malformed TOML: " + OneLine.of(error.getMessage().replaceAll("\\s+", " ")));
    }

    private static ConfigException nestedTooDeeply(Path file) {
        // The stack unwound out of a parse that only built its own objects, so nothing is left half done.
        return new ConfigException(file + ": nested too deeply to read (arrays or inline tables inside one another,"
                + " or keys of too many parts)");
    }
}
