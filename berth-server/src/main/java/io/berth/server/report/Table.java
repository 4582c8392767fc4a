package io.berth.server.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text cells, rendered as an aligned plain-text table or as a Markdown table. A cell is one
 * line whatever it holds: control characters (a newline in a holder's command line, an escape
 * sequence) are shown escaped, so no cell breaks its row or moves the terminal's cursor.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        return row(row);
    }

    public Table row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.stream().map(Table::escape).toList());
        return this;
    }

    /**
     * The text with every control character (C0, DEL, C1) written as in a Java literal: backslash-n,
     * backslash-t, backslash-r, else backslash-u and four hex digits. Other text is kept as it is.
     */
    public static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isISOControl(c)) {
                if (escaped != null) {
                    escaped.append(c);
                }
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    public String toText() {
        int[] widths = widths();
        StringBuilder text = new StringBuilder();
        appendText(text, headers, widths);
        for (List<String> row : rows) {
            appendText(text, row, widths);
        }
        return text.toString();
    }

    /** A GitHub-flavoured Markdown table; pipes inside cells are escaped. */
    public String toMarkdown() {
        StringBuilder text = new StringBuilder();
        appendMarkdown(text, headers);
        text.append('|');
        for (int i = 0; i < headers.size(); i++) {
            text.append("---|");
        }
        text.append('\n');
        for (List<String> row : rows) {
            appendMarkdown(text, row);
        }
        return text.toString();
    }

    private int[] widths() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    private static void appendText(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : "  ");
            line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    private static void appendMarkdown(StringBuilder text, List<String> cells) {
        text.append('|');
        for (String cell : cells) {
            text.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        text.append('\n');
    }
}
