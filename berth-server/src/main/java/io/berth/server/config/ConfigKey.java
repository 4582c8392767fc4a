package io.berth.server.config;

/** A dotted key of deployment.toml, {@code transport.https.properties.port}. */
public final class ConfigKey {

    private ConfigKey() {
    }

    /** How messages show a key: {@code [transport.https.properties] port}, as the user wrote it in the file. */
    public static String display(String dottedKey) {
        int dot = dottedKey.lastIndexOf('.');
        return dot < 0 ? dottedKey : "[" + dottedKey.substring(0, dot) + "] " + dottedKey.substring(dot + 1);
    }
}
