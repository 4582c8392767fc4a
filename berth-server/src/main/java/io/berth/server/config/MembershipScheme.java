package io.berth.server.config;

import io.berth.ports.OneLine;
import java.util.Optional;

/** How cluster members find each other; absent means clustering is off, as in WSO2. */
public enum MembershipScheme {
    /** Well-known addresses: members are listed by host and port. */
    WKA("wka"),
    /** Discovery over a multicast group. */
    MULTICAST("multicast");

    public static final String KEY = "clustering.membership_scheme";

    private final String wireName;

    MembershipScheme(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<MembershipScheme> of(DeploymentConfig config) {
        return config.string(KEY).map(name -> {
            for (MembershipScheme scheme : values()) {
                if (scheme.wireName.equals(name)) {
                    return scheme;
                }
            }
            throw new ConfigException(config.where(KEY) + " must be \"wka\" or \"multicast\" (was \"" + OneLine.of(name) + "\")");
        });
    }
}
