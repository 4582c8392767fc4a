package io.berth.ports;

/** Where an offset can come from, highest precedence first. The first one present wins. */
public enum OffsetSource {
    OPTION("option --port-offset"),
    /**
     * The same option under its other name, {@code --offset}: of the same precedence as {@link #OPTION}, kept apart
     * only so that messages and views name the option the user typed.
     */
    OFFSET_OPTION("option --offset"),
    SYSTEM_PROPERTY("system property portOffset"),
    CONFIG("deployment.toml [server] offset"),
    /** A Carbon 4 product's own file (Enterprise Integrator 6): {@code <Ports><Offset>}, read by CarbonUtils. */
    CARBON_XML("carbon.xml Ports/Offset"),
    /** A Carbon 5 product's own file (Streaming Integrator, API-M Analytics): {@code wso2.carbon: ports: offset}. */
    DEPLOYMENT_YAML("deployment.yaml wso2.carbon/ports/offset"),
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
