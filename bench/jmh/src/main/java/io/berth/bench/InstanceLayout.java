package io.berth.bench;

import io.berth.ports.Feature;
import io.berth.ports.PortLayout;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The instances the benchmarks plan, each as a deployment.toml with every port at its default makes it.
 * They differ in how many ports move with the offset, which is what decides how many fit on a host.
 */
public enum InstanceLayout {
    /** {@code product = "carbon"}, JMX off: https and http. 10,000 of these fit on a host. */
    SERVLET_ONLY(EnumSet.of(Feature.SERVLET_TRANSPORTS)),
    /** {@code product = "carbon"}: https, http and both JMX ports. Up to 11,328 fit. */
    CARBON(EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX)),
    /** The shipped default, {@code product = "identity-server"}: adds the KDC (tcp and udp) and Thrift. Up to 6,119 fit. */
    IDENTITY_SERVER(EnumSet.of(Feature.SERVLET_TRANSPORTS, Feature.JMX, Feature.KDC, Feature.THRIFT_ENTITLEMENT));

    private final Set<Feature> features;

    InstanceLayout(Set<Feature> features) {
        this.features = features;
    }

    public PortLayout layout() {
        return new PortLayout(Map.of(), features);
    }
}
