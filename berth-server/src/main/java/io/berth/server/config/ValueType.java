package io.berth.server.config;

/** The type a configuration key holds, with how messages name it. */
public enum ValueType {
    STRING("a string"),
    INTEGER("a whole number"),
    BOOLEAN("true or false"),
    STRING_LIST("a list of strings"),
    /** A number or a string, judged later by the reader of the key (the offset: {@code 3} or {@code "auto"}). */
    SCALAR("a number or a string"),
    /** An array of tables, {@code [[kdc.principals]]}: its own reader checks the entries. */
    TABLE_LIST("an array of tables");

    private final String text;

    ValueType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
