package io.berth.server.config;

import io.berth.ports.internal.TomlKey;
import io.berth.server.files.FileChangedException;
import io.berth.server.files.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Sets {@code [server] offset} in a deployment.toml and leaves every other byte as it was. tomlj
 * 1.1.1 only reads, so this is a textual edit: tomlj finds the key's line, and only the span of its
 * value is replaced. A missing key is added under {@code [server]}; a missing table is appended. The
 * edited text is parsed again before it is written, and written by rename, so a reader never sees
 * half a file and a failed edit leaves the file untouched. A symbolic link is followed: the file it
 * points to is edited, keeping its owner, group and mode, and a file that changed since it was read
 * is refused rather than overwritten.
 */
public final class OffsetEditor {

    private static final String KEY = PortConfiguration.OFFSET_KEY;
    private static final Pattern SERVER_HEADER = Pattern.compile("(?m)^[ \\t]*\\[[ \\t]*server[ \\t]*\\][ \\t]*(#[^\\r\\n]*)?(\\r?\\n|$)");

    private OffsetEditor() {
    }

    /**
     * @param value the offset as TOML: {@code 3} or {@code "auto"}
     * @throws ConfigException for a file that cannot be read, parsed or written, or whose offset cannot be edited
     */
    public static void set(Path file, String value) {
        String original = TomlFile.readText(file);
        write(file, original, edit(file, original, value));
    }

    /** The text with the offset set; pure, for tests. */
    static String edit(Path file, String text, String value) {
        TomlFile before = TomlFile.parse(file, text);
        String edited;
        if (before.toml().contains(KEY)) {
            edited = replaceValue(file, text, before.toml().inputPositionOf(KEY), value);
        } else {
            edited = insert(file, text, before.toml(), value);
        }
        TomlParseResult after = Toml.parse(edited);
        Object expected = Toml.parse("v = " + value).get("v");
        if (after.hasErrors() || !Objects.equals(after.get(KEY), expected)
                || !sameOtherKeys(before, new TomlFile(file, after))) {
            throw new ConfigException(file + ": cannot set " + TomlKey.display(KEY) + " without changing other values;"
                    + " edit it by hand");
        }
        return edited;
    }

    /** Replaces the value after {@code offset =} on the key's line: a bare number or word, or a one-line string. */
    private static String replaceValue(Path file, String text, TomlPosition key, String value) {
        int at = lineStart(text, key.line()) + key.column() - 1;
        int equals = text.indexOf('=', at);
        int lineEnd = lineEnd(text, at);
        if (equals < 0 || equals > lineEnd) {
            throw new ConfigException(file + ":" + key.line() + ": cannot find the value of " + TomlKey.display(KEY));
        }
        int start = equals + 1;
        while (start < lineEnd && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        int end = valueEnd(text, start, lineEnd);
        if (end < 0) {
            throw new ConfigException(file + ":" + key.line() + ": " + TomlKey.display(KEY)
                    + " is not a one-line value; edit it by hand");
        }
        return text.substring(0, start) + value + text.substring(end);
    }

    private static int valueEnd(String text, int start, int lineEnd) {
        if (start >= lineEnd) {
            return -1;
        }
        char first = text.charAt(start);
        if (first == '"' || first == '\'') {
            if (text.startsWith(String.valueOf(first).repeat(3), start)) {
                return -1;
            }
            for (int i = start + 1; i < lineEnd; i++) {
                if (first == '"' && text.charAt(i) == '\\') {
                    i++;
                } else if (text.charAt(i) == first) {
                    return i + 1;
                }
            }
            return -1;
        }
        int end = start;
        while (end < lineEnd && " \t#,}".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    /** Adds {@code offset = N} right under {@code [server]}, or appends the table when the file has none. */
    private static String insert(Path file, String text, TomlParseResult toml, String value) {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        Matcher header = SERVER_HEADER.matcher(text);
        if (header.find()) {
            String ending = header.group(2).isEmpty() ? newline : "";
            return text.substring(0, header.end()) + ending + "offset = " + value + newline + text.substring(header.end());
        }
        if (toml.contains("server")) {
            throw new ConfigException(file + ": [server] is not written as a table header, so "
                    + TomlKey.display(KEY) + " cannot be added; add it by hand");
        }
        String separator = text.isEmpty() ? "" : text.endsWith("\n") ? newline : newline + newline;
        return text + separator + "[server]" + newline + "offset = " + value + newline;
    }

    private static boolean sameOtherKeys(TomlFile before, TomlFile after) {
        java.util.Set<String> keysBefore = new java.util.HashSet<>(before.dottedKeys());
        java.util.Set<String> keysAfter = new java.util.HashSet<>(after.dottedKeys());
        keysBefore.remove(KEY);
        keysAfter.remove(KEY);
        if (!keysBefore.equals(keysAfter)) {
            return false;
        }
        for (String key : keysBefore) {
            Object old = before.toml().get(key);
            Object now = after.toml().get(key);
            boolean comparable = old instanceof String || old instanceof Number || old instanceof Boolean;
            if (comparable && !old.equals(now)) {
                return false;
            }
        }
        return true;
    }

    private static int lineStart(String text, int line) {
        int at = 0;
        for (int i = 1; i < line; i++) {
            at = text.indexOf('\n', at) + 1;
        }
        return at;
    }

    private static int lineEnd(String text, int from) {
        int newline = text.indexOf('\n', from);
        int end = newline < 0 ? text.length() : newline;
        return end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    /**
     * Through {@link SecureFiles#replace}: the file a symbolic link points to is edited and the link stays; owner,
     * group and mode stay; a file changed since it was read is left alone.
     */
    private static void write(Path file, String original, String text) {
        try {
            SecureFiles.replace(file, original.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8));
        } catch (FileChangedException changed) {
            throw new ConfigException(changed.getMessage(), changed);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot write configuration file: " + e.getMessage(), e);
        }
    }
}
