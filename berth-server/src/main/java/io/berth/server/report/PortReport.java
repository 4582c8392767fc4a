package io.berth.server.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.SocketBindings;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The port table of one instance with its offset: the JSON of {@code berth ports --format json} and
 * the body of every other view of it.
 *
 * @param offsetSource which source won, e.g. {@code system property portOffset}
 * @param offsetAuto   whether the offset was picked by {@code auto}
 * @param random       listeners of a running instance that the registry does not declare; {@code null} when nothing runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortReport(int offset, String offsetSource, boolean offsetAuto, List<PortView> ports,
        List<RandomListener> random) implements JsonWritable {

    public PortReport {
        ports = List.copyOf(ports);
        random = random == null ? null : List.copyOf(random);
    }

    /** The plan as configured, before anything runs: no binding state, no random listeners. */
    public static PortReport of(PortPlan plan) {
        return new PortReport(plan.offset().value(), plan.offset().source().text(), plan.offset().auto(),
                plan.ports().stream().map(PortView::of).toList(), null);
    }

    /** The plan with the address clients dial for each enabled port: what a member publishes in the cluster directory. */
    public static PortReport of(PortPlan plan, SocketBindings bindings) {
        return new PortReport(plan.offset().value(), plan.offset().source().text(), plan.offset().auto(),
                plan.ports().stream().map(port -> advertised(PortView.of(port), port, bindings)).toList(), null);
    }

    /**
     * The plan of a running instance: each port with whether it is bound and where, the address clients dial
     * for it, and the listeners nobody declared.
     */
    public static PortReport running(PortPlan plan, SocketBindings bindings, Map<String, String> boundAddresses,
            List<RandomListener> random) {
        List<PortView> ports = plan.ports().stream()
                .map(port -> advertised(PortView.of(port), port, bindings)
                        .withBinding(boundAddresses.containsKey(port.id()), boundAddresses.get(port.id())))
                .toList();
        return new PortReport(plan.offset().value(), plan.offset().source().text(), plan.offset().auto(), ports, random);
    }

    private static PortView advertised(PortView view, PlannedPort port, SocketBindings bindings) {
        return port.enabled() ? view.withAdvertised(bindings.of(port.id()).advertised(port.effective())) : view;
    }

    /** The enabled port {@code id}, if this report has it. */
    public java.util.Optional<PortView> enabled(String id) {
        return ports.stream().filter(port -> port.id().equals(id) && port.enabled()).findFirst();
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("offset", offset);
        Json.optional(out, "offsetSource", offsetSource);
        out.writeBooleanField("offsetAuto", offsetAuto);
        out.writeArrayFieldStart("ports");
        for (PortView port : ports) {
            port.writeJson(out);
        }
        out.writeEndArray();
        if (random != null) {
            out.writeArrayFieldStart("random");
            for (RandomListener listener : random) {
                listener.writeJson(out);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    /** {@code 3 (system property portOffset)}, as the header line of tables says it. */
    public String offsetText() {
        return offset + " (" + (offsetAuto ? "auto, " : "") + offsetSource + ")";
    }

    public Table table() {
        Table table = new Table("ID", "DEFAULT", "EFFECTIVE", "PROTOCOL", "OFFSET", "ENABLED", "DESCRIPTION");
        for (PortView port : ports) {
            String description = port.offsetApplied() ? port.description()
                    : port.description() + " (fixed: " + port.fixedReason() + ")";
            table.row(port.id(), port.defaultPort(), port.effective(), port.protocol(), port.offsetText(),
                    port.enabled() ? "yes" : "no", description);
        }
        return table;
    }

    /** The table of a running instance: each port with where it is bound, or why it is not. */
    public Table runningTable() {
        Table table = new Table("ID", "DEFAULT", "EFFECTIVE", "PROTOCOL", "OFFSET", "STATE");
        for (PortView port : ports) {
            table.row(port.id(), port.defaultPort(), port.effective(), port.protocol(), port.offsetText(), port.stateText());
        }
        return table;
    }
}
