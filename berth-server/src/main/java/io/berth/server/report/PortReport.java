package io.berth.server.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.berth.ports.PortPlan;
import java.util.List;

/**
 * The port table of one instance with its offset: the JSON of {@code berth ports --format json} and
 * the body of every other view of it.
 *
 * @param offsetSource which source won, e.g. {@code system property portOffset}
 * @param offsetAuto   whether the offset was picked by {@code auto}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortReport(int offset, String offsetSource, boolean offsetAuto, List<PortView> ports) {

    public PortReport {
        ports = List.copyOf(ports);
    }

    public static PortReport of(PortPlan plan) {
        return new PortReport(plan.offset().value(), plan.offset().source().text(), plan.offset().auto(),
                plan.ports().stream().map(PortView::of).toList());
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
}
