package io.berth.ports;

import io.berth.ports.internal.PortRange;
import io.berth.ports.internal.TomlKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What configuration says about an instance's ports, before any offset: its catalogue, the base each
 * port is configured to (at offset 0) and which features are on.
 *
 * @param catalogue the product's catalogue
 * @param overrides configured bases by id, only for those that differ from the catalogue default
 * @param features  the features that are on
 */
public record PortLayout(PortCatalogue catalogue, Map<String, Integer> overrides, Set<Feature> features) {

    public PortLayout {
        java.util.Objects.requireNonNull(catalogue, "catalogue");
        for (Map.Entry<String, Integer> override : overrides.entrySet()) {
            PortDefinition definition = catalogue.port(override.getKey());
            if (!PortRange.contains(override.getValue())) {
                throw new PortSettingsException(TomlKey.display(definition.configKey()) + " must be " + PortRange.TEXT
                        + " (was " + override.getValue() + ")");
            }
        }
        overrides = Map.copyOf(overrides);
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        rejectCollisionsAtEveryOffset(catalogue, overrides, features);
    }

    /**
     * Two enabled ports on one base and protocol that the offset moves alike collide at every offset: a fault of
     * the configuration, refused when it is read, so {@code ports}, {@code plan} and {@code start} (whatever offset
     * each is given, {@code auto} too) name the same two keys rather than each its own symptom.
     */
    private static void rejectCollisionsAtEveryOffset(PortCatalogue catalogue, Map<String, Integer> overrides,
            Set<Feature> features) {
        List<PlannedPort> enabled = new ArrayList<>();
        for (PortDefinition definition : catalogue.ports()) {
            if (features.contains(definition.feature())) {
                int base = overrides.getOrDefault(definition.id(), definition.defaultPort());
                enabled.add(new PlannedPort(definition, base, definition.rule().effective(base, 0, true), true));
            }
        }
        for (int i = 0; i < enabled.size(); i++) {
            for (int j = i + 1; j < enabled.size(); j++) {
                PlannedPort first = enabled.get(i);
                PlannedPort second = enabled.get(j);
                if (sameAtEveryOffset(first, second) && shareProtocol(first, second)) {
                    throw PortCollisionException.atEveryOffset(first, second);
                }
            }
        }
    }

    /**
     * Whether two ports land on one number at every offset, stated or not. Each rule moves a port by 0 or by the
     * offset, so the ports at offsets 0 and 1 (stated) and with no offset stated decide it for every offset.
     */
    private static boolean sameAtEveryOffset(PlannedPort first, PlannedPort second) {
        OffsetRule a = first.definition().rule();
        OffsetRule b = second.definition().rule();
        int x = first.configured();
        int y = second.configured();
        return a.effective(x, 0, true) == b.effective(y, 0, true) && a.effective(x, 1, true) == b.effective(y, 1, true)
                && a.effective(x, 0, false) == b.effective(y, 0, false);
    }

    private static boolean shareProtocol(PlannedPort first, PlannedPort second) {
        return first.definition().protocols().stream().anyMatch(second.definition().protocols()::contains);
    }

    /** Berth's layout with {@code overrides} and {@code features}. */
    public PortLayout(Map<String, Integer> overrides, Set<Feature> features) {
        this(PortCatalogue.BERTH, overrides, features);
    }

    /** Every port of Berth's catalogue at its default, every feature on. */
    public static PortLayout allDefaults() {
        return new PortLayout(PortCatalogue.BERTH, Map.of(), EnumSet.allOf(Feature.class));
    }

    public int configured(PortDefinition definition) {
        return overrides.getOrDefault(definition.id(), definition.defaultPort());
    }

    public boolean enabled(PortDefinition definition) {
        return features.contains(definition.feature());
    }

    /**
     * The instance's ports at {@code offset}.
     *
     * @throws InvalidOffsetException  when an enabled port would leave 1..65535
     * @throws PortCollisionException  when two enabled ports would share a number and a protocol
     */
    public PortPlan at(Offset offset) {
        List<PlannedPort> ports = new ArrayList<>();
        for (PortDefinition definition : catalogue.ports()) {
            PlannedPort port = PlannedPort.of(definition, configured(definition), offset, enabled(definition));
            if (port.enabled() && !PortRange.contains(port.effective())) {
                throw new InvalidOffsetException(offset.source(), Integer.toString(offset.value()),
                        "it pushes " + port.id() + " to " + port.effective() + ", past " + PortRange.MAX);
            }
            ports.add(port);
        }
        rejectCollisions(ports);
        return new PortPlan(offset, ports);
    }

    private static void rejectCollisions(List<PlannedPort> ports) {
        Map<String, PlannedPort> taken = new LinkedHashMap<>();
        for (PlannedPort port : ports) {
            if (!port.enabled()) {
                continue;
            }
            for (Protocol protocol : port.definition().protocols()) {
                PlannedPort earlier = taken.putIfAbsent(protocol + "/" + port.effective(), port);
                if (earlier != null) {
                    throw new PortCollisionException(earlier, port);
                }
            }
        }
    }
}
