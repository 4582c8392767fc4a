package io.berth.ports;

/**
 * A feature of an instance that, when switched on, opens one or more ports of its catalogue.
 * Which features are on is decided by configuration; the catalogue says which feature each port
 * belongs to, and how a WSO2 product switches it ({@link PortCatalogue.Toggle}).
 */
public enum Feature {
    SERVLET_TRANSPORTS("servlet-transports"),
    JMX("jmx"),
    /** The Hazelcast member port, open under every membership scheme. */
    CLUSTERING("clustering"),
    /** Discovery over a multicast group, only under {@code membership_scheme = "multicast"}. */
    CLUSTERING_MULTICAST("clustering-multicast"),
    KDC("kdc"),
    THRIFT_ENTITLEMENT("thrift-entitlement"),
    /** A WSO2 product's own listeners that are always open: gateway, broker, management API, event receivers. */
    PRODUCT("product"),
    /** The embedded LDAP server of a Carbon product, off unless enabled. */
    EMBEDDED_LDAP("embedded-ldap");

    private final String wireName;

    Feature(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
