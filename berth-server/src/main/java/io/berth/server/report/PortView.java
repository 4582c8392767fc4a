package io.berth.server.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import io.berth.ports.HostPort;
import io.berth.ports.OffsetRule;
import io.berth.ports.PlannedPort;
import java.io.IOException;

/**
 * One port as every view shows it: {@code berth ports}, {@code /api/ports}, the JMX MBean, the
 * runtime file. Three numbers, as WildFly's socket bindings name them: the catalogue default, the
 * configured base ({@code port}) and the effective port ({@code bound-port}).
 *
 * @param defaultPort the catalogue default: the port at offset 0 when nothing sets it
 * @param port        the configured base: the port at offset 0 in this configuration
 * @param effective   the port the instance listens on
 * @param rule        how the offset moves it: {@code +offset}, {@code fixed}, {@code +10 unless an offset is stated}
 * @param fixedReason why the offset does not apply as {@code +offset}, or {@code null}
 * @param source      the WSO2 page or code the port's number and rule come from
 * @param bound       whether a running instance holds it, or {@code null} where nothing runs
 * @param address     the addresses it is bound to, {@code host:port} joined by commas, or {@code null}
 * @param advertised  {@code host:port} clients dial for it (WildFly's client mapping), or {@code null} in views
 *                    made before anything resolves addresses ({@code berth ports})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortView(
        String id,
        @JsonProperty("default") int defaultPort,
        int port,
        int effective,
        String protocol,
        boolean offsetApplied,
        String rule,
        String fixedReason,
        boolean enabled,
        String feature,
        String description,
        String source,
        Boolean bound,
        String address,
        String advertised) implements JsonWritable {

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        Json.optional(out, "id", id);
        out.writeNumberField("default", defaultPort);
        out.writeNumberField("port", port);
        out.writeNumberField("effective", effective);
        Json.optional(out, "protocol", protocol);
        out.writeBooleanField("offsetApplied", offsetApplied);
        Json.optional(out, "rule", rule);
        Json.optional(out, "fixedReason", fixedReason);
        out.writeBooleanField("enabled", enabled);
        Json.optional(out, "feature", feature);
        Json.optional(out, "description", description);
        Json.optional(out, "source", source);
        if (bound != null) {
            out.writeBooleanField("bound", bound);
        }
        Json.optional(out, "address", address);
        Json.optional(out, "advertised", advertised);
        out.writeEndObject();
    }

    public static PortView of(PlannedPort port) {
        OffsetRule rule = port.definition().rule();
        return new PortView(port.id(), port.definition().defaultPort(), port.configured(), port.effective(),
                port.definition().protocolText(), rule.moves(), rule.text(), rule.reason(), port.enabled(),
                port.definition().feature().wireName(), port.definition().description(), port.definition().source(),
                null, null, null);
    }

    public PortView withBinding(boolean isBound, String boundAddress) {
        return new PortView(id, defaultPort, port, effective, protocol, offsetApplied, rule, fixedReason, enabled, feature,
                description, source, isBound, boundAddress, advertised);
    }

    /** This view with the address clients dial for it. */
    public PortView withAdvertised(HostPort clientAddress) {
        return new PortView(id, defaultPort, port, effective, protocol, offsetApplied, rule, fixedReason, enabled, feature,
                description, source, bound, address, clientAddress.toString());
    }

    /** {@code applied}, {@code fixed}, or the product's own rule ({@code +10 unless an offset is stated}). */
    public String offsetText() {
        if (rule == null || rule.equals("+offset")) {
            return offsetApplied ? "applied" : "fixed";
        }
        return rule;
    }

    /** {@code bound 127.0.0.1:9443}, {@code not served yet} for an enabled port nobody listens on, or {@code disabled}. */
    public String stateText() {
        return Boolean.TRUE.equals(bound) ? "bound " + address : enabled ? "not served yet" : "disabled";
    }
}
