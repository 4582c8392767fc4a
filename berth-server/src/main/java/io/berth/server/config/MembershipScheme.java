package io.berth.server.config;

import io.berth.ports.internal.OneLine;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How cluster members find each other, by WSO2's names for {@code [clustering] membership_scheme};
 * absent means clustering is off, as in WSO2. Every scheme opens the member port; Berth's own start
 * runs those that {@link #runsInBerth()}, and names them when a file asks for another.
 */
public enum MembershipScheme {
    /** Well-known addresses: members are listed by host and port. */
    WKA("wka", true),
    /** Discovery over a multicast group. */
    MULTICAST("multicast", true),
    /**
     * Kubernetes discovery: WSO2's kubernetes-membership-scheme keys, run by Hazelcast's built-in Kubernetes
     * discovery (DNS lookup of a headless service, or the API server's endpoints).
     */
    KUBERNETES("kubernetes", true),
    /** AWS EC2 discovery. */
    AWS("aws", false),
    /** AWS ECS discovery. */
    AWS_ECS("aws-ecs", false);

    public static final String KEY = "clustering.membership_scheme";

    private final String wireName;
    private final boolean runsInBerth;

    MembershipScheme(String wireName, boolean runsInBerth) {
        this.wireName = wireName;
        this.runsInBerth = runsInBerth;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether Berth's own cluster endpoint can run it; the others are read for planning WSO2 homes. */
    public boolean runsInBerth() {
        return runsInBerth;
    }

    /** {@code wka, multicast, kubernetes}: the schemes Berth's own start runs, for messages. */
    public static String runnable() {
        return Arrays.stream(values()).filter(MembershipScheme::runsInBerth).map(MembershipScheme::wireName)
                .collect(Collectors.joining(", "));
    }

    public static Optional<MembershipScheme> of(DeploymentConfig config) {
        return config.string(KEY).map(name -> {
            for (MembershipScheme scheme : values()) {
                if (scheme.wireName.equals(name)) {
                    return scheme;
                }
            }
            List<String> known = Arrays.stream(values()).map(MembershipScheme::wireName).toList();
            throw new ConfigException(config.where(KEY) + " must be one of " + String.join(", ", known)
                    + " (was \"" + OneLine.of(name) + "\")");
        });
    }
}
