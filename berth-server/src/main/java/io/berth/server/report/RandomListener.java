package io.berth.server.report;

/**
 * A socket the instance listens on that the registry does not declare: the JVM's own JMX agent
 * under {@code -Dcom.sun.management.jmxremote}, the Syslog appender's UDP source port, and the like.
 */
public record RandomListener(String protocol, String address, int port) {
}
