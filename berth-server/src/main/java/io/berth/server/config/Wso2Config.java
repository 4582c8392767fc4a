package io.berth.server.config;

import io.berth.ports.TomlKey;
import io.berth.ports.Feature;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Reads the ports of a WSO2 product home from its {@code repository/conf/deployment.toml}, with
 * WSO2's own defaults where they differ from Berth's, so a plan can place Berth beside WSO2 products
 * or WSO2 products beside each other. Only the port keys are read: a WSO2 file holds many keys
 * Berth does not know, and none of them is an error here.
 *
 * <p>WSO2's defaults: the RMI registry on 9999 and the RMI server on 11111 (carbon.xml; the seed
 * names them the other way round), JMX on; clustering off unless a membership scheme is given; the
 * identity server's embedded KDC and Thrift entitlement service off unless enabled. A home is an
 * identity server when it has {@code repository/conf/identity}.
 */
final class Wso2Config {

    private static final Map<String, Integer> WSO2_DEFAULTS = Map.of("jmx-rmi-registry", 9999, "jmx-rmi-server", 11111);
    private static final Map<String, String> PORT_KEYS = new LinkedHashMap<>();

    static {
        PORT_KEYS.put("https", "transport.https.properties.port");
        PORT_KEYS.put("http", "transport.http.properties.port");
        PORT_KEYS.put("jmx-rmi-registry", "monitoring.jmx.rmi_registry_port");
        PORT_KEYS.put("jmx-rmi-server", "monitoring.jmx.rmi_server_port");
        PORT_KEYS.put("cluster-multicast", "clustering.multicast_port");
        PORT_KEYS.put("cluster-wka", "clustering.local_member_port");
        PORT_KEYS.put("kdc", "kdc.port");
        PORT_KEYS.put("thrift-entitlement", "entitlement.thrift.port");
    }

    private Wso2Config() {
    }

    static PortSettings read(Path home, References references) {
        Path file = PortSettings.HomeKind.WSO2.config(home);
        TomlParseResult toml = TomlFile.parse(file, TomlFile.readText(file)).toml();
        Reader reader = new Reader(file, toml, references);
        Map<String, Integer> overrides = new LinkedHashMap<>(WSO2_DEFAULTS);
        PORT_KEYS.forEach((id, key) -> reader.port(key).ifPresent(port -> overrides.put(id, port)));
        boolean identity = Files.isDirectory(home.resolve("repository/conf/identity"));
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS);
        if (reader.flag(PortConfiguration.JMX_KEY, true)) {
            features.add(Feature.JMX);
        }
        reader.text(MembershipScheme.KEY).ifPresent(scheme -> {
            features.add(Feature.CLUSTERING);
            if (scheme.equals(MembershipScheme.MULTICAST.wireName())) {
                features.add(Feature.CLUSTERING_MULTICAST);
            }
        });
        if (identity && reader.flag(PortConfiguration.KDC_KEY, false)) {
            features.add(Feature.KDC);
        }
        if (identity && reader.flag(PortConfiguration.THRIFT_KEY, false)) {
            features.add(Feature.THRIFT_ENTITLEMENT);
        }
        OffsetSetting offset = new OffsetSetting(OffsetSource.CONFIG, reader.text(PortConfiguration.OFFSET_KEY).orElse(null));
        return new PortSettings(file, PortSettings.HomeKind.WSO2, identity ? "identity-server" : "carbon",
                new PortLayout(overrides, features), offset, List.of());
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
            return text(key).map(text -> switch (text) {
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
