package io.berth.server.config;

import io.berth.ports.Feature;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortLayout;
import io.berth.ports.internal.PortRange;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What a Berth deployment.toml says about ports: the configured bases, the features that are on, the offset. */
public final class PortConfiguration {

    public static final String OFFSET_KEY = "server.offset";

    private PortConfiguration() {
    }

    /**
     * The file's port layout.
     *
     * @throws ConfigException naming the file, line and key of a configured port outside 1..65535
     * @throws io.berth.ports.PortCollisionException naming the two keys of ports that collide at every offset
     */
    public static PortLayout layout(DeploymentConfig config) {
        Map<String, Integer> overrides = new LinkedHashMap<>();
        for (PortDefinition port : PortCatalogue.BERTH.ports()) {
            config.integer(port.configKey()).ifPresent(value -> {
                if (!PortRange.contains(value)) {
                    throw new ConfigException(config.where(port.configKey()) + " must be " + PortRange.TEXT + " (was " + value + ")");
                }
                overrides.put(port.id(), value);
            });
        }
        return new PortLayout(PortCatalogue.BERTH, overrides, features(config));
    }

    /** The features on: each toggle of Berth's catalogue, clustering by scheme, identity ports by product. */
    public static Set<Feature> features(DeploymentConfig config) {
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS);
        Product product = Product.of(config);
        for (PortCatalogue.Toggle toggle : PortCatalogue.BERTH.toggles()) {
            boolean identityOnly = toggle.feature() == Feature.KDC || toggle.feature() == Feature.THRIFT_ENTITLEMENT;
            if ((!identityOnly || product.identityPorts()) && config.bool(toggle.key(), toggle.defaultOn())) {
                features.add(toggle.feature());
            }
        }
        Optional<MembershipScheme> scheme = MembershipScheme.of(config);
        if (scheme.isPresent()) {
            // Hazelcast members talk over the member port under every scheme.
            features.add(Feature.CLUSTERING);
            if (scheme.get() == MembershipScheme.MULTICAST) {
                features.add(Feature.CLUSTERING_MULTICAST);
            }
        }
        return features;
    }

    public static OffsetSetting offset(DeploymentConfig config) {
        return new OffsetSetting(OffsetSource.CONFIG, config.scalar(OFFSET_KEY).orElse(null));
    }
}
