package io.berth.ports.internal;

/**
 * Text the user gave, as a one-line message shows it. A value can hold a line break
 * ({@code --port-offset $'1\n2'}, {@code offset = "1\n2"}); shown as it is, it would split the one
 * line that names the bad input, or forge a second one. Control characters and Unicode line and
 * paragraph separators are written as Java escapes instead ({@code 1\n2}), so the message stays one line.
 */
public final class OneLine {

    private OneLine() {
    }

    public static String of(String text) {
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && shown == null) {
                shown = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (shown != null) {
                shown.append(escape != null ? escape : String.valueOf(c));
            }
        }
        return shown == null ? text : shown.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c)
                    : null;
        };
    }
}
