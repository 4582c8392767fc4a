package io.berth.server.config;

import io.berth.ports.Feature;
import io.berth.ports.OffsetSetting;
import io.berth.ports.OffsetSource;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortLayout;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What deployment.toml says about ports: the configured numbers, the features that are on, the offset. */
public final class PortConfiguration {

    public static final String OFFSET_KEY = "server.offset";
    public static final String JMX_KEY = "monitoring.jmx.rmi_server_start";
    public static final String KDC_KEY = "kdc.enable";
    public static final String THRIFT_KEY = "entitlement.thrift.enable";

    private PortConfiguration() {
    }

    public static PortLayout layout(DeploymentConfig config) {
        Map<String, Integer> overrides = new LinkedHashMap<>();
        for (PortDefinition port : PortCatalogue.all()) {
            config.integer(port.configKey()).ifPresent(value -> overrides.put(port.id(), value));
        }
        return new PortLayout(overrides, features(config));
    }

    public static Set<Feature> features(DeploymentConfig config) {
        Set<Feature> features = EnumSet.of(Feature.SERVLET_TRANSPORTS);
        if (config.bool(JMX_KEY, true)) {
            features.add(Feature.JMX);
        }
        Optional<MembershipScheme> scheme = MembershipScheme.of(config);
        if (scheme.isPresent()) {
            // Hazelcast members talk over the member port under either scheme.
            features.add(Feature.CLUSTERING);
            if (scheme.get() == MembershipScheme.MULTICAST) {
                features.add(Feature.CLUSTERING_MULTICAST);
            }
        }
        Product product = Product.of(config);
        if (product.identityPorts() && config.bool(KDC_KEY, true)) {
            features.add(Feature.KDC);
        }
        if (product.identityPorts() && config.bool(THRIFT_KEY, true)) {
            features.add(Feature.THRIFT_ENTITLEMENT);
        }
        return features;
    }

    public static OffsetSetting offset(DeploymentConfig config) {
        return new OffsetSetting(OffsetSource.CONFIG, config.scalar(OFFSET_KEY).orElse(null));
    }
}
