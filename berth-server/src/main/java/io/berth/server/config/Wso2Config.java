package io.berth.server.config;

import io.berth.ports.Feature;
import io.berth.ports.OffsetRule;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortLayout;
import io.berth.ports.internal.TomlKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Reads a WSO2 product's deployment.toml as WSO2's config-mapper reads it, for the keys its
 * catalogue names: a TOML string holding a number is that number ({@code offset = "410"},
 * {@code local_member_port = "4000"}), {@code "true"} is true, {@code $env{NAME}} and
 * {@code $sys{NAME}} resolve from the environment and system properties; every other key is WSO2's
 * business, never a warning. Which features are on comes from the catalogue's toggles, with the
 * product's own defaults (JMX off in Identity Server 5.10 and later); clustering is on under any
 * {@code membership_scheme}, as WSO2's clustering agent starts under any.
 *
 * <p>Products whose port files are not TOML (Streaming Integrator's and API-M Analytics'
 * {@code deployment.yaml}, Enterprise Integrator 6's {@code carbon.xml}, {@code axis2.xml} and
 * {@code catalina-server.xml}) are read through {@link Wso2Files}: each port from the key its catalogue
 * names, the offset from {@code wso2.carbon: ports: offset} or {@code <Ports><Offset>}, and a port that
 * follows another runtime of the home (an EI profile, the analytics dashboard) at the offset that
 * runtime's own file sets.
 */
final class Wso2Config {

    private Wso2Config() {
    }

    static PortSettings read(Path home, HomeProduct product, References references) {
        PortCatalogue catalogue = product.catalogue();
        Path file = home.resolve(catalogue.configFile());
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(home + ": " + product.describe() + " keeps its ports in " + catalogue.configFile()
                    + ", which is missing");
        }
        if (!catalogue.configFile().endsWith(".toml")) {
            return readFiles(home, file, product, references);
        }
        return readFile(file, product, references);
    }

    /** The offset key of a Carbon 5 deployment.yaml, and of a Carbon 4 carbon.xml. */
    static final String CARBON5_OFFSET = "wso2.carbon/ports/offset";
    static final String CARBON4_OFFSET = "Ports/Offset";
    private static final String AXIS2_CLUSTERING = "conf/axis2/axis2.xml#clustering/";

    /** A Carbon 5 or Carbon 4 product home, every key its catalogue names read from the file that holds it. */
    private static PortSettings readFiles(Path home, Path file, HomeProduct product, References references) {
        PortCatalogue catalogue = product.catalogue();
        Wso2Files files = new Wso2Files(home, references);
        Map<String, Integer> overrides = new LinkedHashMap<>();
        Map<String, OffsetRule> rules = new LinkedHashMap<>();
        for (PortDefinition port : catalogue.ports()) {
            if (!port.configKey().isEmpty()) {
                files.number(port.configKey()).ifPresent(number -> overrides.put(port.id(), number));
            }
            if (port.rule().kind() == OffsetRule.Kind.FOLLOWS) {
                files.number(port.rule().follows()).ifPresent(offset -> rules.put(port.id(), port.rule().following(offset)));
            }
        }
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.PRODUCT);
        for (PortCatalogue.Toggle toggle : catalogue.toggles()) {
            if (files.flag(toggle.key()).orElse(toggle.defaultOn())) {
                features.add(toggle.feature());
            }
        }
        boolean yaml = catalogue.configFile().endsWith(".yaml");
        if (!yaml && catalogue.find(io.berth.ports.PortId.CLUSTER_MEMBER).isPresent()
                && files.flag(AXIS2_CLUSTERING + "@enable").orElse(false)) {
            // Carbon 4's HazelcastClusteringAgent starts when axis2.xml enables clustering; multicast is its default scheme.
            features.add(Feature.CLUSTERING);
            if (files.text(AXIS2_CLUSTERING + "parameter[name=membershipScheme]").orElse(MembershipScheme.MULTICAST.wireName())
                    .equalsIgnoreCase(MembershipScheme.MULTICAST.wireName())) {
                features.add(Feature.CLUSTERING_MULTICAST);
            }
        }
        String offsetKey = catalogue.configFile() + "#" + (yaml ? CARBON5_OFFSET : CARBON4_OFFSET);
        OffsetSetting offset = new OffsetSetting(yaml ? OffsetSource.DEPLOYMENT_YAML : OffsetSource.CARBON_XML,
                files.text(offsetKey).orElse(null));
        return new PortSettings(file, product, new PortLayout(catalogue.withRules(rules), overrides, features), offset,
                List.of(), null);
    }

    static PortSettings readFile(Path file, HomeProduct product, References references) {
        PortCatalogue catalogue = product.catalogue();
        TomlParseResult toml = TomlFile.parse(file, TomlFile.readText(file)).toml();
        Reader reader = new Reader(file, toml, references);
        Map<String, Integer> overrides = new LinkedHashMap<>();
        for (PortDefinition port : catalogue.ports()) {
            if (!port.configKey().isEmpty()) {
                reader.port(port.configKey()).ifPresent(number -> overrides.put(port.id(), number));
            }
        }
        Set<Feature> features = features(catalogue, reader::text);
        for (PortCatalogue.Toggle toggle : catalogue.toggles()) {
            if (reader.flag(toggle.key(), toggle.defaultOn())) {
                features.add(toggle.feature());
            }
        }
        OffsetSetting offset = new OffsetSetting(OffsetSource.CONFIG, reader.text(PortConfiguration.OFFSET_KEY).orElse(null));
        return new PortSettings(file, product, new PortLayout(catalogue, overrides, features), offset, List.of(), null);
    }

    /** A catalogue's ports at their defaults with the product's default features: a product stated with no home. */
    static PortLayout defaults(PortCatalogue catalogue) {
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.PRODUCT);
        catalogue.toggles().stream().filter(PortCatalogue.Toggle::defaultOn).forEach(toggle -> features.add(toggle.feature()));
        return new PortLayout(catalogue, Map.of(), features);
    }

    /** Features on whatever the file says, and clustering by scheme; toggles are added by the caller. */
    private static Set<Feature> features(PortCatalogue catalogue, java.util.function.Function<String, Optional<String>> text) {
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.PRODUCT);
        for (PortCatalogue.Toggle toggle : catalogue.toggles()) {
            features.remove(toggle.feature());
            if (text.apply(toggle.key()).isEmpty() && toggle.defaultOn()) {
                features.add(toggle.feature());
            }
        }
        text.apply(MembershipScheme.KEY).filter(scheme -> !scheme.isBlank()).ifPresent(scheme -> {
            features.add(Feature.CLUSTERING);
            if (scheme.strip().toLowerCase(Locale.ROOT).equals(MembershipScheme.MULTICAST.wireName())) {
                features.add(Feature.CLUSTERING_MULTICAST);
            }
        });
        return features;
    }

    /** WSO2 files often quote numbers ({@code local_member_port = "4000"}); both forms are read. */
    private record Reader(Path file, TomlParseResult toml, References references) {

        Optional<String> text(String key) {
            Object value = toml.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof String text) {
                return Optional.of(references.resolve(text, where(key)).strip());
            }
            if (value instanceof Long || value instanceof Boolean) {
                return Optional.of(value.toString());
            }
            throw new ConfigException(where(key) + " must be a number or a string (was " + TomlFile.shown(value) + ")");
        }

        Optional<Integer> port(String key) {
            return text(key).map(text -> {
                if (!text.matches("\\d{1,9}")) {
                    throw new ConfigException(where(key) + " must be a whole number (was " + TomlFile.shown(text) + ")");
                }
                return Integer.valueOf(text);
            });
        }

        boolean flag(String key, boolean defaultValue) {
            return text(key).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException(where(key) + " must be true or false (was " + TomlFile.shown(text) + ")");
            }).orElse(defaultValue);
        }

        private String where(String key) {
            TomlPosition position = toml.inputPositionOf(key);
            return file + (position == null ? "" : ":" + position.line()) + ": " + TomlKey.display(key);
        }
    }
}
