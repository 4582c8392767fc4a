package io.berth.server.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import io.berth.ports.HostPort;
import io.berth.ports.PlannedPort;
import java.io.IOException;

/**
 * One port as every view shows it: {@code berth ports}, {@code /api/ports}, the JMX MBean, the
 * runtime file.
 *
 * @param defaultPort the port at offset 0 in this configuration
 * @param fixedReason why the offset does not apply, or {@code null}
 * @param bound       whether a running instance holds it, or {@code null} where nothing runs
 * @param address     the addresses it is bound to, {@code host:port} joined by commas, or {@code null}
 * @param advertised  {@code host:port} clients dial for it (WildFly's client mapping), or {@code null} in views
 *                    made before anything resolves addresses ({@code berth ports})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortView(
        String id,
        @JsonProperty("default") int defaultPort,
        int effective,
        String protocol,
        boolean offsetApplied,
        String fixedReason,
        boolean enabled,
        String feature,
        String description,
        Boolean bound,
        String address,
        String advertised) implements JsonWritable {

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        Json.optional(out, "id", id);
        out.writeNumberField("default", defaultPort);
        out.writeNumberField("effective", effective);
        Json.optional(out, "protocol", protocol);
        out.writeBooleanField("offsetApplied", offsetApplied);
        Json.optional(out, "fixedReason", fixedReason);
        out.writeBooleanField("enabled", enabled);
        Json.optional(out, "feature", feature);
        Json.optional(out, "description", description);
        if (bound != null) {
            out.writeBooleanField("bound", bound);
        }
        Json.optional(out, "address", address);
        Json.optional(out, "advertised", advertised);
        out.writeEndObject();
    }

    public static PortView of(PlannedPort port) {
        return new PortView(port.id(), port.configured(), port.effective(), port.definition().protocolText(),
                port.definition().offsetApplied(), port.definition().fixedReason(), port.enabled(),
                port.definition().feature().wireName(), port.definition().description(), null, null, null);
    }

    public PortView withBinding(boolean isBound, String boundAddress) {
        return new PortView(id, defaultPort, effective, protocol, offsetApplied, fixedReason, enabled, feature,
                description, isBound, boundAddress, advertised);
    }

    /** This view with the address clients dial for it. */
    public PortView withAdvertised(HostPort clientAddress) {
        return new PortView(id, defaultPort, effective, protocol, offsetApplied, fixedReason, enabled, feature,
                description, bound, address, clientAddress.toString());
    }

    /** {@code applied}, or {@code fixed} for a port the offset never moves. */
    public String offsetText() {
        return offsetApplied ? "applied" : "fixed";
    }

    /** {@code bound 127.0.0.1:9443}, {@code not served yet} for an enabled port nobody listens on, or {@code disabled}. */
    public String stateText() {
        return Boolean.TRUE.equals(bound) ? "bound " + address : enabled ? "not served yet" : "disabled";
    }
}
