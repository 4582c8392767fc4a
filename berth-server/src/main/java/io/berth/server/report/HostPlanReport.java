package io.berth.server.report;

import io.berth.ports.PortPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan of several instances on one host: the JSON of {@code berth plan --format json}, and the
 * seed's "Product 1..N" table with every port any instance opens as a column.
 */
public record HostPlanReport(List<Instance> instances) {

    /** One planned instance: its offset, the configuration it was planned from, and its ports as {@code berth ports} shows them. */
    public record Instance(int offset, String config, List<PortView> ports) {
        public Instance {
            ports = List.copyOf(ports);
        }
    }

    public HostPlanReport {
        instances = List.copyOf(instances);
    }

    /** @param configs the configuration of each plan, in the same order */
    public static HostPlanReport of(List<PortPlan> plans, List<String> configs) {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            PortPlan plan = plans.get(i);
            instances.add(new Instance(plan.offset().value(), configs.get(i), plan.ports().stream().map(PortView::of).toList()));
        }
        return new HostPlanReport(instances);
    }

    /** One row per instance; a port an instance does not open shows {@code -}. */
    public Table table() {
        boolean severalConfigs = instances.stream().map(Instance::config).distinct().count() > 1;
        // The union of every instance's enabled ports, in catalogue order: products may differ.
        List<String> ids = instances.stream().flatMap(instance -> instance.ports().stream())
                .filter(PortView::enabled).map(PortView::id).distinct().toList();
        List<String> headers = new ArrayList<>(List.of("PRODUCT", "OFFSET"));
        if (severalConfigs) {
            headers.add("CONFIG");
        }
        headers.addAll(ids);
        Table table = new Table(headers);
        for (int i = 0; i < instances.size(); i++) {
            Instance instance = instances.get(i);
            List<String> cells = new ArrayList<>(List.of("Product " + (i + 1), Integer.toString(instance.offset())));
            if (severalConfigs) {
                cells.add(instance.config());
            }
            ids.forEach(id -> {
                PortView port = port(instance, id);
                cells.add(port == null ? "-" : Integer.toString(port.effective()));
            });
            table.row(cells);
        }
        return table;
    }

    private static PortView port(Instance instance, String id) {
        return instance.ports().stream().filter(port -> port.id().equals(id) && port.enabled()).findFirst().orElse(null);
    }
}
