package io.berth.server.config;

import io.berth.ports.internal.OneLine;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The product an instance runs: it decides which product-specific ports exist. */
public enum Product {
    /** WSO2 Identity Server's ports: the common ones plus the KDC and the Thrift entitlement service. */
    IDENTITY_SERVER("identity-server", true),
    /** The common ports only: servlet transports, JMX and clustering. */
    CARBON("carbon", false);

    public static final String KEY = "server.product";

    private final String wireName;
    private final boolean identityPorts;

    Product(String wireName, boolean identityPorts) {
        this.wireName = wireName;
        this.identityPorts = identityPorts;
    }

    public String wireName() {
        return wireName;
    }

    public boolean identityPorts() {
        return identityPorts;
    }

    public static Product of(DeploymentConfig config) {
        String name = config.string(KEY).orElse(IDENTITY_SERVER.wireName);
        return Arrays.stream(values())
                .filter(product -> product.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new ConfigException(config.where(KEY) + " must be one of "
                        + Arrays.stream(values()).map(Product::wireName).collect(Collectors.joining(", "))
                        + " (was \"" + OneLine.of(name) + "\")"));
    }
}
