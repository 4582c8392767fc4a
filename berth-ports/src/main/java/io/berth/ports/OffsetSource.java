package io.berth.ports;

/** Where an offset can come from, highest precedence first. The first one present wins. */
public enum OffsetSource {
    OPTION("option --port-offset"),
    SYSTEM_PROPERTY("system property portOffset"),
    CONFIG("deployment.toml [server] offset"),
    DEFAULT("default");

    /** The system property read by {@link #SYSTEM_PROPERTY}, as in {@code wso2server.sh -DportOffset=3}. */
    public static final String PROPERTY_NAME = "portOffset";

    private final String text;

    OffsetSource(String text) {
        this.text = text;
    }

    /** How every view names the source: {@code system property portOffset}. */
    public String text() {
        return text;
    }
}
