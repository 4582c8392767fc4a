package io.berth.ports.internal;

/** A dotted key of deployment.toml, {@code transport.https.properties.port}, as messages show it. */
public final class TomlKey {

    private TomlKey() {
    }

    /**
     * {@code [transport.https.properties] port}: the table and the key, as the user wrote them in the file. A key
     * of a product whose file is not TOML names its file: {@code conf/carbon.xml Ports/Offset}
     * ({@code FILE#PATH}, as {@link io.berth.ports.Catalogues} writes it).
     */
    public static String display(String dottedKey) {
        int hash = dottedKey.indexOf('#');
        if (hash >= 0) {
            return dottedKey.substring(0, hash) + " " + dottedKey.substring(hash + 1);
        }
        int dot = dottedKey.lastIndexOf('.');
        return dot < 0 ? dottedKey : "[" + dottedKey.substring(0, dot) + "] " + dottedKey.substring(dot + 1);
    }
}
