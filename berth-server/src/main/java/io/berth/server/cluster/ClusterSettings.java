package io.berth.server.cluster;

import io.berth.ports.HostPort;
import io.berth.server.config.MembershipScheme;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Cluster configuration of one Berth instance.
 *
 * <p>Ports are deliberately absent: the member port is the registry's {@code cluster-wka}
 * (offset applied) and the multicast port is {@code cluster-multicast} (never offset), both
 * read from the {@link io.berth.server.endpoint.EndpointContext} at start.
 *
 * @param scheme                  {@link MembershipScheme#WKA}, {@link MembershipScheme#MULTICAST} or
 *                                {@link MembershipScheme#KUBERNETES}
 * @param members                 WKA only: other members as "host:port", used exactly as written (never offset)
 * @param multicastGroup          MULTICAST only: group address, default {@value #DEFAULT_MULTICAST_GROUP}
 * @param multicastTtl            MULTICAST only: IP TTL of discovery packets; 1 keeps them on the local subnet,
 *                                0 on this host
 * @param domain                  Hazelcast cluster name; instances with different domains never join
 * @param heartbeatSeconds        interval of member heartbeats
 * @param failureDetectionSeconds a member silent this long is removed from the cluster
 * @param joinWaitSeconds         how long the first member waits for others before forming the cluster
 * @param membersMissingSeconds   WKA and KUBERNETES: how long a member may find none of its {@code members} (its
 *                                service's pods) before it says so and reports the cluster degraded
 * @param kubernetes              KUBERNETES only (else {@code null}): the service whose pods are the members
 */
public record ClusterSettings(
        MembershipScheme scheme,
        List<String> members,
        String multicastGroup,
        int multicastTtl,
        String domain,
        int heartbeatSeconds,
        int failureDetectionSeconds,
        int joinWaitSeconds,
        int membersMissingSeconds,
        KubernetesDiscovery kubernetes) {

    /**
     * Same group as Tomcat's default cluster membership (228.0.0.4:45564), whose port the registry's
     * {@code cluster-multicast} id already uses; an administratively scoped (239/8) group is preferable
     * where the network team assigns one. Hazelcast's own default would be 224.2.2.3:54327.
     */
    public static final String DEFAULT_MULTICAST_GROUP = "228.0.0.4";
    public static final String DEFAULT_DOMAIN = "berth";
    /** One hop: discovery stays on the local subnet unless the operator raises it. */
    public static final int DEFAULT_MULTICAST_TTL = 1;
    public static final int DEFAULT_HEARTBEAT_SECONDS = 5;
    /** Half of Hazelcast's 60 s default: the port directory should forget dead members reasonably fast. */
    public static final int DEFAULT_FAILURE_DETECTION_SECONDS = 30;
    public static final int DEFAULT_JOIN_WAIT_SECONDS = 5;
    /** A minute: longer than a peer's restart, short enough that nobody runs alone for long unnoticed. */
    public static final int DEFAULT_MEMBERS_MISSING_SECONDS = 60;

    public ClusterSettings {
        Objects.requireNonNull(scheme, "scheme");
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        members.forEach(ClusterSettings::checkMember);
        checkMulticastGroup(multicastGroup);
        if (multicastTtl < 0 || multicastTtl > 255) {
            throw new IllegalArgumentException("cluster multicastTtl must be 0..255, got " + multicastTtl);
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("cluster domain must not be blank");
        }
        if (heartbeatSeconds < 1) {
            throw new IllegalArgumentException("cluster heartbeatSeconds must be >= 1, got " + heartbeatSeconds);
        }
        if (failureDetectionSeconds <= heartbeatSeconds) {
            throw new IllegalArgumentException("cluster failureDetectionSeconds (" + failureDetectionSeconds
                    + ") must exceed heartbeatSeconds (" + heartbeatSeconds + ")");
        }
        if (joinWaitSeconds < 0) {
            throw new IllegalArgumentException("cluster joinWaitSeconds must be >= 0, got " + joinWaitSeconds);
        }
        if (membersMissingSeconds < 1) {
            throw new IllegalArgumentException("members_missing_seconds must be >= 1 (was " + membersMissingSeconds + ")");
        }
        if ((scheme == MembershipScheme.KUBERNETES) != (kubernetes != null)) {
            throw new IllegalArgumentException("cluster kubernetes discovery is for scheme kubernetes only (scheme " + scheme.wireName() + ")");
        }
    }

    /** WKA settings with defaults for everything but the members. */
    public static ClusterSettings wka(List<String> members) {
        return new ClusterSettings(MembershipScheme.WKA, members, DEFAULT_MULTICAST_GROUP,
                DEFAULT_MULTICAST_TTL, DEFAULT_DOMAIN, DEFAULT_HEARTBEAT_SECONDS,
                DEFAULT_FAILURE_DETECTION_SECONDS, DEFAULT_JOIN_WAIT_SECONDS, DEFAULT_MEMBERS_MISSING_SECONDS, null);
    }

    /** Multicast settings with defaults for everything. */
    public static ClusterSettings multicast() {
        return new ClusterSettings(MembershipScheme.MULTICAST, List.of(), DEFAULT_MULTICAST_GROUP,
                DEFAULT_MULTICAST_TTL, DEFAULT_DOMAIN, DEFAULT_HEARTBEAT_SECONDS,
                DEFAULT_FAILURE_DETECTION_SECONDS, DEFAULT_JOIN_WAIT_SECONDS, DEFAULT_MEMBERS_MISSING_SECONDS, null);
    }

    /** Kubernetes settings with defaults for everything but the discovery. */
    public static ClusterSettings kubernetes(KubernetesDiscovery discovery) {
        return new ClusterSettings(MembershipScheme.KUBERNETES, List.of(), DEFAULT_MULTICAST_GROUP,
                DEFAULT_MULTICAST_TTL, DEFAULT_DOMAIN, DEFAULT_HEARTBEAT_SECONDS,
                DEFAULT_FAILURE_DETECTION_SECONDS, DEFAULT_JOIN_WAIT_SECONDS, DEFAULT_MEMBERS_MISSING_SECONDS,
                Objects.requireNonNull(discovery, "discovery"));
    }

    /**
     * What the member looks for when it says it has found none: its wka {@code members}, or its Kubernetes
     * service; empty when it looks for nothing in particular (multicast, or wka with no members listed).
     */
    public List<String> sought() {
        return switch (scheme) {
            case WKA -> members;
            case KUBERNETES -> List.of(kubernetes.sought());
            default -> List.of();
        };
    }

    public ClusterSettings withDomain(String newDomain) {
        return new ClusterSettings(scheme, members, multicastGroup, multicastTtl, newDomain,
                heartbeatSeconds, failureDetectionSeconds, joinWaitSeconds, membersMissingSeconds, kubernetes);
    }

    public ClusterSettings withMulticast(String newGroup, int newTtl) {
        return new ClusterSettings(scheme, members, newGroup, newTtl, domain,
                heartbeatSeconds, failureDetectionSeconds, joinWaitSeconds, membersMissingSeconds, kubernetes);
    }

    public ClusterSettings withTimeouts(int newHeartbeatSeconds, int newFailureDetectionSeconds, int newJoinWaitSeconds) {
        return new ClusterSettings(scheme, members, multicastGroup, multicastTtl, domain,
                newHeartbeatSeconds, newFailureDetectionSeconds, newJoinWaitSeconds, membersMissingSeconds, kubernetes);
    }

    public ClusterSettings withMembersMissingSeconds(int seconds) {
        return new ClusterSettings(scheme, members, multicastGroup, multicastTtl, domain,
                heartbeatSeconds, failureDetectionSeconds, joinWaitSeconds, seconds, kubernetes);
    }

    /** A member as {@code host:port}, an IPv6 literal bracketed ({@code [fd00::5]:4000}), read by {@link HostPort}. */
    private static void checkMember(String member) {
        HostPort parsed;
        try {
            parsed = HostPort.parse(member);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster member " + e.getMessage(), e);
        }
        if (!parsed.hasPort()) {
            throw new IllegalArgumentException("cluster member '" + member + "' must be host:port ([address]:port for IPv6)");
        }
    }

    private static void checkMulticastGroup(String group) {
        // Only IP literals: a host name would trigger a DNS lookup while merely reading configuration.
        if (group == null || !group.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("cluster multicastGroup '" + group + "' must be an IP literal");
        }
        try {
            if (!InetAddress.getByName(group).isMulticastAddress()) {
                throw new IllegalArgumentException("cluster multicastGroup '" + group + "' is not a multicast address");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cluster multicastGroup '" + group + "' is not a valid address", e);
        }
    }
}
