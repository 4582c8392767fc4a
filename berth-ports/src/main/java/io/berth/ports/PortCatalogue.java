package io.berth.ports;

import io.berth.ports.internal.BerthCatalogue;
import io.berth.ports.internal.Catalogues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every port one product line opens in a range of its versions, with its default at offset 0 and the
 * WSO2 source of each number: the data behind every view and plan of a home. Berth's own catalogue
 * ({@link #BERTH}) is one of them; {@link Catalogues} holds the WSO2 ones.
 *
 * @param id         stable name, {@code wso2is-7}, {@code berth}
 * @param product    the product line, e.g. {@code identity-server}; what {@code --product} names
 * @param name       for people: {@code WSO2 Identity Server 7.x}
 * @param from       the first version it covers (inclusive)
 * @param until      the first version it no longer covers (exclusive), or {@code null} for every later one
 * @param configFile the product's port configuration, relative to its home
 * @param ports      in the order every view lists them
 * @param toggles    how the product's configuration switches a feature, and its default
 * @param source     the page that lists the product's ports
 */
public record PortCatalogue(String id, String product, String name, ProductVersion from, ProductVersion until,
        String configFile, List<PortDefinition> ports, List<Toggle> toggles, String source) {

    /**
     * A feature of a WSO2 product switched by a boolean key, with the product's default.
     *
     * @param key       dotted deployment.toml key, e.g. {@code monitoring.jmx.rmi_server_start}
     * @param defaultOn what the product does when the key is absent
     * @param source    where that default comes from
     */
    public record Toggle(Feature feature, String key, boolean defaultOn, String source) {
    }

    public PortCatalogue {
        Objects.requireNonNull(id, "id");
        ports = List.copyOf(ports);
        toggles = List.copyOf(toggles);
        Map<String, PortDefinition> byId = new LinkedHashMap<>();
        for (PortDefinition port : ports) {
            if (byId.put(port.id(), port) != null) {
                throw new IllegalStateException("duplicate port id in catalogue " + id + ": " + port.id());
            }
        }
    }

    /** Berth's own ports, from the seed pages "Default Ports of WSO2 Products" (DESIGN.md section 1). */
    public static final PortCatalogue BERTH = BerthCatalogue.catalogue();

    public Optional<PortDefinition> find(String portId) {
        return ports.stream().filter(port -> port.id().equals(portId)).findFirst();
    }

    /** The definition of {@code portId}; a programming error if there is none. */
    public PortDefinition port(String portId) {
        return find(portId).orElseThrow(() -> new IllegalArgumentException("no port with id '" + portId
                + "' in catalogue " + id + "; known: " + ports.stream().map(PortDefinition::id).toList()));
    }

    public Optional<Toggle> toggle(Feature feature) {
        return toggles.stream().filter(toggle -> toggle.feature() == feature).findFirst();
    }

    /**
     * This catalogue with some ports' offset rules replaced, as one home's files set them (the offset
     * another runtime of the home runs at); same id, product and versions.
     *
     * @param rules by port id; every id must be one of this catalogue's
     */
    public PortCatalogue withRules(Map<String, OffsetRule> rules) {
        if (rules.isEmpty()) {
            return this;
        }
        List<PortDefinition> replaced = new java.util.ArrayList<>();
        for (PortDefinition port : ports) {
            OffsetRule rule = rules.get(port.id());
            replaced.add(rule == null ? port : new PortDefinition(port.id(), port.defaultPort(), port.protocols(),
                    port.description(), rule, port.feature(), port.configKey(), port.source()));
        }
        rules.keySet().forEach(this::port);
        return new PortCatalogue(id, product, name, from, until, configFile, replaced, toggles, source);
    }

    /** Whether {@code version} lies in this catalogue's range. */
    public boolean covers(ProductVersion version) {
        return version.compareTo(from) >= 0 && (until == null || version.compareTo(until) < 0);
    }

    /** {@code 5.10.0 to 5.11.x}, {@code 7.0.0 and later}: the range as the docs and views say it. */
    public String versionsText() {
        if (until == null) {
            return from + " and later";
        }
        return from + " up to " + until + " (exclusive)";
    }
}
