package io.berth.ports;

/**
 * The ids of Berth's own ports, named once: every endpoint, view and test asks for a port by one of
 * these. WSO2 catalogues reuse them where the port is the same thing ({@code https}, {@code jmx-rmi-server}).
 */
public final class PortId {

    public static final String HTTPS = "https";
    public static final String HTTP = "http";
    public static final String JMX_RMI_REGISTRY = "jmx-rmi-registry";
    public static final String JMX_RMI_SERVER = "jmx-rmi-server";
    public static final String CLUSTER_MULTICAST = "cluster-multicast";
    public static final String CLUSTER_MEMBER = "cluster-wka";
    public static final String KDC = "kdc";
    public static final String THRIFT_ENTITLEMENT = "thrift-entitlement";

    private PortId() {
    }
}
