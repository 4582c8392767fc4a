package io.berth.server.cluster;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ReplicatedMapConfig;

import io.berth.ports.HostPort;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Builds the programmatic Hazelcast member configuration of a {@link ClusterEndpoint}.
 *
 * <p>Built from {@code new Config()}, never {@code Config.load()}: a stray hazelcast.xml/yaml on the
 * classpath or working directory must not change ports or join settings behind the registry's back.
 */
final class HazelcastMemberConfig {

    /** Upper bound of a graceful stop; Hazelcast's default (600 s) would stall server shutdown. */
    static final int GRACEFUL_SHUTDOWN_SECONDS = 30;

    private HazelcastMemberConfig() {
    }

    /**
     * @param settings      cluster settings
     * @param bindAddress   the address the member binds; the wildcard binds every interface
     * @param memberPort    effective {@code cluster-wka} port
     * @param advertised    the address other members dial (Hazelcast's public address)
     * @param multicastPort effective {@code cluster-multicast} port, ignored for WKA
     * @param apiAccess     Kubernetes API mode only (else {@code null}): the CA certificate and token
     */
    static Config build(ClusterSettings settings, InetAddress bindAddress, int memberPort, HostPort advertised,
            int multicastPort, KubernetesApiAccess apiAccess) {
        Config config = new Config();
        config.setClusterName(settings.domain());
        config.setInstanceName("berth-cluster-" + bindAddress.getHostAddress() + "-" + memberPort);

        quietAndPrivate(config);
        failureDetection(config, settings);

        // The advanced network with a member endpoint only: the port speaks the member protocol and nothing
        // else. The plain network config would also answer Hazelcast's client protocol on it, and any client
        // could then read and write the cluster's maps without being a member.
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        ServerSocketEndpointConfig member = new ServerSocketEndpointConfig();
        member.setPort(memberPort);
        // A taken port must fail the start: moving to port+1 would break the registry's promise.
        member.setPortAutoIncrement(false);
        member.setPublicAddress(advertised.toString());
        if (bindAddress.isAnyLocalAddress()) {
            config.setProperty("hazelcast.socket.bind.any", "true");
        } else {
            member.getInterfaces().setEnabled(true).addInterface(bindAddress.getHostAddress());
            // Without this Hazelcast binds 0.0.0.0 even when interfaces are restricted, which would clash
            // with another instance using the same port on a different address of this host.
            config.setProperty("hazelcast.socket.bind.any", "false");
        }
        network.setMemberEndpointConfig(member);
        // Hazelcast prefers the IPv4 stack unless told otherwise, and then cannot bind or dial an IPv6 member.
        boolean ipv6 = bindAddress instanceof Inet6Address || settings.members().stream().anyMatch(m -> m.startsWith("["));
        config.setProperty("hazelcast.prefer.ipv4.stack", String.valueOf(!ipv6));

        join(config, network.getJoin(), settings, multicastPort, memberPort, apiAccess);
        deserializationFilter(config);

        config.addReplicatedMapConfig(new ReplicatedMapConfig(PortDirectory.MAP_NAME)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setStatisticsEnabled(false));
        return config;
    }

    /**
     * Java deserialisation of what a peer sends is limited to Hazelcast's and the JDK's own classes, on top of
     * Hazelcast's built-in list of known gadget classes. The port directory itself travels as
     * {@code HashMap<String,String>}, which Hazelcast serialises natively, without Java serialisation.
     */
    private static void deserializationFilter(Config config) {
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
                .setDefaultsDisabled(false)
                .setWhitelist(new ClassFilter().addPrefixes("com.hazelcast.", "java.", "javax.")));
    }

    private static void quietAndPrivate(Config config) {
        config.setProperty("hazelcast.logging.type", "log4j2");
        // Phone-home would POST usage data to an external host daily from the first minute.
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // The server stops its endpoints in order; Hazelcast's own hook would terminate the member earlier.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", String.valueOf(GRACEFUL_SHUTDOWN_SECONDS));
        config.getJetConfig().setEnabled(false);
        config.getMetricsConfig().setEnabled(false);
        config.getIntegrityCheckerConfig().setEnabled(false);
    }

    private static void failureDetection(Config config, ClusterSettings settings) {
        config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(settings.heartbeatSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(settings.failureDetectionSeconds()));
        config.setProperty("hazelcast.wait.seconds.before.join", String.valueOf(settings.joinWaitSeconds()));
    }

    private static void join(Config config, JoinConfig join, ClusterSettings settings, int multicastPort, int memberPort,
            KubernetesApiAccess apiAccess) {
        // Everything off first, then exactly one mechanism on: auto-detection would otherwise pick one itself.
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getKubernetesConfig().setEnabled(false);
        switch (settings.scheme()) {
            case WKA -> {
                var tcpIp = join.getTcpIpConfig().setEnabled(true);
                settings.members().forEach(tcpIp::addMember);
            }
            case MULTICAST -> {
                join.getMulticastConfig()
                        .setEnabled(true)
                        .setMulticastGroup(settings.multicastGroup())
                        .setMulticastPort(multicastPort)
                        .setMulticastTimeToLive(settings.multicastTtl())
                        // Several instances on one host must hear each other's discovery packets.
                        .setLoopbackModeEnabled(true);
                // Send and join on the member's own interface. Hazelcast skips this for loopback
                // addresses on Linux, leaving the JDK's default interface, which may not be ours.
                config.setProperty("hazelcast.multicast.socket.set.interface", "true");
            }
            case KUBERNETES -> kubernetes(join, settings.kubernetes(), memberPort, apiAccess);
            default -> throw new IllegalStateException("unknown cluster scheme " + settings.scheme());
        }
    }

    /**
     * Hazelcast's Kubernetes discovery (its property names: {@code com.hazelcast.kubernetes.KubernetesProperties}).
     * {@code service-port} is this member's own port: every pod runs the same configuration, and WSO2's scheme
     * likewise adds the pods' bare addresses to the member list, to be dialled on the member's own port. Not-ready
     * pods count, as WSO2's API resolver adds {@code notReadyAddresses} too (Hazelcast's default).
     */
    private static void kubernetes(JoinConfig join, KubernetesDiscovery discovery, int memberPort, KubernetesApiAccess apiAccess) {
        var kubernetes = join.getKubernetesConfig().setEnabled(true);
        kubernetes.setProperty("service-port", String.valueOf(memberPort));
        if (discovery.mode() == KubernetesDiscovery.Mode.DNS) {
            kubernetes.setProperty("service-dns", discovery.serviceDns());
            kubernetes.setProperty("service-dns-timeout", String.valueOf(discovery.dnsTimeoutSeconds()));
            return;
        }
        kubernetes.setProperty("namespace", discovery.namespace());
        kubernetes.setProperty("service-name", discovery.service());
        if (discovery.apiServer() != null) {
            kubernetes.setProperty("kubernetes-master", discovery.apiServer());
        }
        kubernetes.setProperty("ca-certificate", apiAccess.caCertificate());
        if (apiAccess.token() != null) {
            kubernetes.setProperty("api-token", apiAccess.token());
        }
        // Public addresses would need the nodes' API (more permissions) and are for clients outside the cluster,
        // which Berth's member-only endpoint never serves.
        kubernetes.setProperty("expose-externally", "false");
    }
}
