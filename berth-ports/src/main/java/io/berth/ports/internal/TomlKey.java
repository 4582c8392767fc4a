package io.berth.ports.internal;

/** A dotted key of deployment.toml, {@code transport.https.properties.port}, as messages show it. */
public final class TomlKey {

    private TomlKey() {
    }

    /** {@code [transport.https.properties] port}: the table and the key, as the user wrote them in the file. */
    public static String display(String dottedKey) {
        int dot = dottedKey.lastIndexOf('.');
        return dot < 0 ? dottedKey : "[" + dottedKey.substring(0, dot) + "] " + dottedKey.substring(dot + 1);
    }
}
