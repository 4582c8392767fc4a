package io.berth.server.cluster;

import io.berth.server.config.MembershipScheme;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import io.berth.server.report.ClusterReport;
import io.berth.server.report.Json;

import io.berth.ports.HostPort;
import io.berth.ports.SocketBinding;
import io.berth.ports.internal.TomlKey;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The cluster endpoint: one Hazelcast member on the registry's {@code cluster-wka} port, plus the
 * cluster-wide {@linkplain #directory() port directory}.
 *
 * <p>The member binds the address of its socket binding ({@code [socket_binding.cluster-wka] bind_address},
 * else {@code [clustering] local_member_host}, else {@code [server] hostname}) and gives the other members its
 * advertised address (Hazelcast's public address): behind a forwarder or NAT, the address they can dial.
 *
 * <p>Under wka with {@code members} listed, and under kubernetes, it watches whether it has found any of them ({@link MemberSearch})
 * and says so in the log and in {@link #report()} when it has not, for longer than
 * {@code [clustering] members_missing_seconds}.
 */
public final class ClusterEndpoint implements Endpoint {

    /** Registry id of the TCP member port (default 4000, offset applied). */
    public static final String WKA_PORT_ID = "cluster-wka";
    /** Registry id of the UDP multicast discovery port (default 45564, never offset). */
    public static final String MULTICAST_PORT_ID = "cluster-multicast";

    private static final Logger LOG = LogManager.getLogger(ClusterEndpoint.class);
    private static final String LOGGING_TYPE_PROPERTY = "hazelcast.logging.type";


    private final ClusterSettings settings;
    private final ClusterSecret secret;
    private final int offset;
    private final Supplier<String> portsJson;

    private HazelcastInstance hazelcast;
    private PortDirectory directory;
    private volatile boolean stopping;
    private ScheduledExecutorService watcher;
    private volatile MemberSearch.State search;

    /**
     * @param settings  cluster settings
     * @param secret    the key every member signs its directory card with
     * @param offset    this instance's port offset, published in the directory
     * @param portsJson this instance's port table as JSON, read once at start
     */
    public ClusterEndpoint(ClusterSettings settings, ClusterSecret secret, int offset, Supplier<String> portsJson) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.offset = offset;
        this.portsJson = Objects.requireNonNull(portsJson, "portsJson");
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public List<String> portIds() {
        return switch (settings.scheme()) {
            case MULTICAST -> List.of(WKA_PORT_ID, MULTICAST_PORT_ID);
            default -> List.of(WKA_PORT_ID);
        };
    }

    @Override
    public synchronized void start(EndpointContext context) throws ClusterStartException {
        if (hazelcast != null) {
            throw new IllegalStateException("cluster endpoint already started");
        }
        SocketBinding binding = context.binding(WKA_PORT_ID);
        InetAddress bindAddress = localAddress(binding);
        // Read before any socket is released: a missing file stops the start with the preflight's sockets still held.
        KubernetesDiscovery kubernetes = settings.kubernetes();
        KubernetesApiAccess apiAccess = null;
        if (kubernetes != null && kubernetes.mode() == KubernetesDiscovery.Mode.API) {
            apiAccess = KubernetesApiAccess.read(kubernetes, context.home());
            if (kubernetes.skipVerification()) {
                LOG.warn("{} = true is not honoured: Berth's cluster verifies the Kubernetes API server's certificate "
                        + "against {}", TomlKey.display(KubernetesConfiguration.SKIP_SSL_VERIFICATION),
                        kubernetes.caCertificateFile() == null ? KubernetesDiscovery.DEFAULT_CA_FILE : kubernetes.caCertificateFile());
            }
        }
        // Hazelcast binds its own sockets: the preflight's are released just before it does (see releaseForBind).
        int memberPort = context.releaseForBind(WKA_PORT_ID);
        int multicastPort = settings.scheme() == MembershipScheme.MULTICAST ? context.releaseForBind(MULTICAST_PORT_ID) : -1;
        HostPort advertised = binding.advertised(memberPort);
        String where = new HostPort(HostPort.literal(bindAddress), memberPort) + " (advertised as " + advertised + ")";
        Config config = HazelcastMemberConfig.build(settings, bindAddress, memberPort, advertised, multicastPort, apiAccess);
        // Hazelcast's static loggers read only the system property; without it their first messages
        // would go to java.util.logging. Respect a launcher that already chose otherwise.
        if (System.getProperty(LOGGING_TYPE_PROPERTY) == null) {
            System.setProperty(LOGGING_TYPE_PROPERTY, "log4j2");
        }
        try {
            hazelcast = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            // Hazelcast says only "Node failed to start!" when its join fails; under kubernetes, say what it looked for.
            String joining = kubernetes == null ? "" : " while finding its members through Kubernetes (" + kubernetes.sought()
                    + "; the log has Hazelcast's reason)";
            throw new ClusterStartException("cluster member cannot start on " + where
                    + " (registry id " + WKA_PORT_ID + ")" + joining + ": " + e.getMessage(), e);
        }
        HazelcastInstance started = hazelcast;
        started.getLifecycleService().addLifecycleListener(event -> {
            // Any member may shut the whole cluster down (Hazelcast's member port authenticates nobody):
            // this instance then keeps serving, and reports the cluster as down.
            if (event.getState() == LifecycleState.SHUTTING_DOWN && !stopping) {
                LOG.warn("Cluster member {} is shutting down without this server stopping (the cluster was shut down "
                        + "by another member?); the instance keeps serving and reports the cluster as down", where);
            }
        });
        String home = context.home().toString();
        directory = new PortDirectory(hazelcast, secret,
                () -> new MemberCard(advertised.host(), home, offset, portsJson.get()));
        try {
            directory.open();
        } catch (RuntimeException e) {
            stop();
            throw new ClusterStartException("cluster member on " + where + " cannot publish its port directory card: "
                    + e.getMessage(), e);
        }
        if (!settings.sought().isEmpty()) {
            watchMembers(advertised);
        }
    }

    /** Checks every second whether any other member is in the cluster, and logs each change of that once. */
    private void watchMembers(HostPort self) {
        MemberSearch members = new MemberSearch(Duration.ofSeconds(settings.membersMissingSeconds()), Instant.now());
        search = members.state();
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "berth-cluster-member-search");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> {
            MemberSearch.State changed = members.observe(memberCount(), Instant.now());
            search = members.state();
            if (changed == MemberSearch.State.ALONE) {
                LOG.warn("Cluster member {} has found none of its members {} for {} s; it runs alone, the cluster is degraded",
                        self, settings.sought(), Duration.between(members.aloneSince(), Instant.now()).toSeconds());
            } else if (changed == MemberSearch.State.JOINED) {
                LOG.info("Cluster member {} has found its members: {} member(s) now", self, memberCount());
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        PortDirectory closing = directory;
        HazelcastInstance instance = hazelcast;
        directory = null;
        hazelcast = null;
        if (closing != null) {
            try {
                closing.close();
            } catch (RuntimeException e) {
                // Best effort: the survivors drop this member's card on memberRemoved anyway.
            }
        }
        if (instance != null) {
            instance.shutdown();
        }
    }

    /** Verified cards of all current members, this one included; empty when not started or down. */
    public synchronized List<MemberCard> directory() {
        return view().cards();
    }

    private PortDirectory.View view() {
        if (!up()) {
            return new PortDirectory.View(List.of(), List.of());
        }
        try {
            return directory.view();
        } catch (HazelcastInstanceNotActiveException e) {
            return new PortDirectory.View(List.of(), List.of());
        }
    }

    /** Number of current cluster members, this one included; 0 when not started or down. */
    public synchronized int memberCount() {
        try {
            return up() ? hazelcast.getCluster().getMembers().size() : 0;
        } catch (HazelcastInstanceNotActiveException e) {
            return 0;
        }
    }

    private boolean up() {
        return hazelcast != null && directory != null && hazelcast.getLifecycleService().isRunning();
    }

    /**
     * The one address the member binds: a Hazelcast member listens on one address (or on all of them), so of a
     * name with several it takes the first. Insists the address is ours: Hazelcast's own error for a foreign
     * address is obscure.
     */
    private static InetAddress localAddress(SocketBinding binding) throws ClusterStartException {
        InetAddress address = binding.bind().addresses().get(0);
        try {
            if (address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null) {
                return address;
            }
            throw new ClusterStartException("cluster member address " + binding.bind()
                    + " is not an address of a local interface", null);
        } catch (SocketException e) {
            throw new ClusterStartException("cluster member address " + binding.bind() + ": cannot list local interfaces", e);
        }
    }

    /** The directory as {@code /api/cluster} serves it; no members when not started or down. */
    public synchronized ClusterReport report() {
        PortDirectory.View view = view();
        List<ClusterReport.Member> members = view.cards().stream()
                .map(card -> new ClusterReport.Member(card.host(), card.home(), card.offset(), Json.tree(card.portsJson())))
                .toList();
        MemberSearch.State now = search;
        return new ClusterReport(settings.scheme().wireName(), settings.domain(), up() ? "up" : "down", memberCount(),
                members, now == null ? null : now.wireName(), now == MemberSearch.State.ALONE ? settings.sought() : null,
                view.rejected());
    }
}
