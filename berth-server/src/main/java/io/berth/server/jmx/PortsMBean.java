package io.berth.server.jmx;

/** {@code berth:type=Ports}: the instance's port table and offset, for JConsole and JMX clients. */
public interface PortsMBean {

    int getOffset();

    /** Which source the offset came from, e.g. {@code system property portOffset}. */
    String getOffsetSource();

    /** One line per port: {@code https 9443 -> 9446 tcp applied bound 127.0.0.1:9446}. */
    String[] getPortTable();

    /** The same table as {@code /api/ports} serves it. */
    String getPortsJson();

    /** Members of the cluster this instance belongs to, itself included; 0 when clustering is off. */
    int getClusterMemberCount();
}
