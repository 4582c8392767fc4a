package io.berth.server.report;

import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's "WSO2 Product 1..5" table for every port: one row per instance (offset), one column
 * per enabled port.
 */
public record OffsetMatrix(List<Row> instances) {

    /** One instance: its offset and its effective ports by id. */
    public record Row(int offset, Map<String, Integer> ports) {
    }

    public OffsetMatrix {
        instances = List.copyOf(instances);
    }

    public static OffsetMatrix of(List<PortPlan> plans) {
        List<Row> rows = new ArrayList<>();
        for (PortPlan plan : plans) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (PlannedPort port : plan.enabledPorts()) {
                ports.put(port.id(), port.effective());
            }
            rows.add(new Row(plan.offset().value(), ports));
        }
        return new OffsetMatrix(rows);
    }

    public Table table() {
        List<String> headers = new ArrayList<>(List.of("INSTANCE", "OFFSET"));
        List<String> ids = instances.isEmpty() ? List.of() : List.copyOf(instances.get(0).ports().keySet());
        headers.addAll(ids);
        Table table = new Table(headers);
        for (int i = 0; i < instances.size(); i++) {
            Row row = instances.get(i);
            List<String> cells = new ArrayList<>(List.of("Instance " + (i + 1), Integer.toString(row.offset())));
            ids.forEach(id -> cells.add(String.valueOf(row.ports().get(id))));
            table.row(cells);
        }
        return table;
    }
}
