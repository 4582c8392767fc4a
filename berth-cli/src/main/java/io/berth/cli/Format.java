package io.berth.cli;

/** How a command prints a table: aligned text, JSON, or Markdown ready to paste into docs. */
enum Format {
    TABLE,
    JSON,
    MARKDOWN
}
