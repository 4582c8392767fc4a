package io.berth.ports;

/**
 * A feature of an instance that, when switched on, opens one or more ports of the catalogue.
 * Which features are on is decided by configuration; the catalogue only says which feature
 * each port belongs to.
 */
public enum Feature {
    SERVLET_TRANSPORTS("servlet-transports"),
    JMX("jmx"),
    /** The Hazelcast member port, open under either membership scheme. */
    CLUSTERING("clustering"),
    /** Discovery over a multicast group, only under {@code membership_scheme = "multicast"}. */
    CLUSTERING_MULTICAST("clustering-multicast"),
    KDC("kdc"),
    THRIFT_ENTITLEMENT("thrift-entitlement");

    private final String wireName;

    Feature(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
