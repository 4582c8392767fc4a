package io.berth.server.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A socket the instance listens on that the registry does not declare: the JVM's own JMX agent
 * under {@code -Dcom.sun.management.jmxremote}, the Syslog appender's UDP source port, and the like.
 */
public record RandomListener(String protocol, String address, int port) implements JsonWritable {

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("protocol", protocol);
        out.writeStringField("address", address);
        out.writeNumberField("port", port);
        out.writeEndObject();
    }
}
