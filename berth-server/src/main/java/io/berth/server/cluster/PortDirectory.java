package io.berth.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.berth.server.report.ClusterReport;
import io.berth.server.report.Json;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The cluster-wide table of which member serves which ports, one {@link MemberCard} per live member.
 *
 * <p>Entries are keyed by member UUID. Values travel as {@code HashMap<String,String>}, which Hazelcast
 * serializes natively: no Berth class has to be on the other member's classpath, no Java
 * deserialization is involved, and members of different Berth versions ignore fields they do not know.
 *
 * <p>Hazelcast's open-source member port authenticates nobody, so anyone who reaches it can join and write
 * here. Each card is therefore signed (HMAC-SHA256 with the {@link ClusterSecret}) over its member's UUID and
 * every field; a card that does not verify, or does not parse, is left out of every view, reported in
 * {@link View#rejected()} and logged once at WARN.
 *
 * <p>Dead members are forgotten twice over: every survivor removes the key on {@code memberRemoved},
 * and reads filter by the current member list, so a missed event can never show a dead member.
 */
final class PortDirectory {

    static final String MAP_NAME = "berth-port-directory";

    private static final String HOST = "host";
    private static final String HOME = "home";
    private static final String OFFSET = "offset";
    private static final String PORTS = "ports";
    private static final String MAC = "mac";
    private static final Logger LOG = LogManager.getLogger(PortDirectory.class);

    private static final int WITHDRAW_TIMEOUT_SECONDS = 5;

    private final HazelcastInstance hazelcast;
    private final ClusterSecret secret;
    private final Supplier<MemberCard> selfCard;
    /** Rejections already logged, so a bad card is reported once, not on every read. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final ReplicatedMap<String, HashMap<String, String>> map;
    /** Map writes block on remote members; Hazelcast's event threads must not, so they hand off here. */
    private final ExecutorService worker;
    private UUID membershipRegistration;
    private UUID lifecycleRegistration;

    /** What a reader sees: the verified cards of live members, and the rest with the reason. */
    record View(List<MemberCard> cards, List<ClusterReport.Rejected> rejected) {
    }

    PortDirectory(HazelcastInstance hazelcast, ClusterSecret secret, Supplier<MemberCard> selfCard) {
        this.hazelcast = hazelcast;
        this.secret = secret;
        this.selfCard = selfCard;
        this.map = hazelcast.getReplicatedMap(MAP_NAME);
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "berth-port-directory");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Publishes this member's card and starts tracking membership. */
    void open() {
        membershipRegistration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // The new member publishes its own card; Hazelcast authenticated nobody, so say who came.
                LOG.info("Cluster member joined: {} (uuid {}); members now {}", event.getMember().getAddress(),
                        event.getMember().getUuid(), event.getMembers().size());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("Cluster member left: {} (uuid {}); members now {}", event.getMember().getAddress(),
                        event.getMember().getUuid(), event.getMembers().size());
                UUID gone = event.getMember().getUuid();
                worker.execute(() -> removeQuietly(gone));
            }
        });
        lifecycleRegistration = hazelcast.getLifecycleService().addLifecycleListener(event -> {
            // After a split-brain merge this member rejoins under a new UUID and the merged map may
            // have lost its card: publish again under the current identity.
            if (event.getState() == LifecycleState.MERGED) {
                worker.execute(this::publishQuietly);
            }
        });
        publish();
    }

    /** Withdraws this member's card so the others see it leave at once rather than on the member event. */
    void close() {
        try {
            if (membershipRegistration != null) {
                hazelcast.getCluster().removeMembershipListener(membershipRegistration);
            }
            if (lifecycleRegistration != null) {
                hazelcast.getLifecycleService().removeLifecycleListener(lifecycleRegistration);
            }
            String self = localUuid().toString();
            // Bounded: in a partitioned cluster the write may wait for an unreachable partition owner,
            // and stopping the server must not hang on a courtesy; survivors drop the card anyway.
            worker.submit(() -> map.remove(self)).get(WITHDRAW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // fall through to shutdown; see above
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            worker.shutdownNow();
        }
    }

    /** Verified cards of current members, ordered by host, then offset, and the cards that failed. */
    View view() {
        Map<String, String> live = hazelcast.getCluster().getMembers().stream()
                .collect(Collectors.toMap(member -> member.getUuid().toString(), member -> String.valueOf(member.getAddress())));
        List<MemberCard> cards = new ArrayList<>();
        List<ClusterReport.Rejected> rejected = new ArrayList<>();
        for (Map.Entry<String, ? extends Map<String, String>> entry : map.entrySet()) {
            String address = live.get(entry.getKey());
            if (address == null) {
                continue;
            }
            try {
                cards.add(decode(entry.getKey(), entry.getValue()));
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                String reason = e instanceof IllegalArgumentException ? e.getMessage() : "malformed card";
                rejected.add(new ClusterReport.Rejected(address, reason));
                if (reported.add(entry.getKey() + " " + reason)) {
                    LOG.warn("Ignoring the port-directory card of cluster member {} (uuid {}): {}", address, entry.getKey(), reason);
                }
            }
        }
        cards.sort(Comparator.comparing(MemberCard::host).thenComparingInt(MemberCard::offset));
        return new View(cards, rejected);
    }

    private void publish() {
        String self = localUuid().toString();
        map.put(self, encode(self, selfCard.get()));
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            // The instance may be shutting down; reads never depend on this write being there.
        }
    }

    private void removeQuietly(UUID member) {
        try {
            map.remove(member.toString());
        } catch (RuntimeException e) {
            // Instance shutting down or member list changing again; reads filter dead members anyway.
        }
    }

    private UUID localUuid() {
        Member local = hazelcast.getCluster().getLocalMember();
        return local.getUuid();
    }

    private HashMap<String, String> encode(String uuid, MemberCard card) {
        HashMap<String, String> value = new HashMap<>();
        value.put(HOST, card.host());
        value.put(HOME, card.home());
        value.put(OFFSET, Integer.toString(card.offset()));
        value.put(PORTS, card.portsJson());
        value.put(MAC, secret.sign(signed(uuid, value)));
        return value;
    }

    /**
     * The card of member {@code uuid}, once its signature verifies and its fields parse.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    private MemberCard decode(String uuid, Map<String, String> value) {
        if (!secret.verifies(signed(uuid, value), value.get(MAC))) {
            throw new IllegalArgumentException("its signature does not verify with this cluster's secret "
                    + "(a member with another [clustering] secret, or a forged card)");
        }
        int offset;
        try {
            offset = Integer.parseInt(value.get(OFFSET));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("offset is not a whole number");
        }
        String ports = value.get(PORTS);
        if (!Json.tree(ports).isObject()) {
            throw new IllegalArgumentException("ports is not a JSON object");
        }
        return new MemberCard(value.get(HOST), value.get(HOME), offset, ports);
    }

    /** What the MAC covers: the member's UUID and each field, length-prefixed so no two cards read alike. */
    private static String signed(String uuid, Map<String, String> value) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[] {uuid, value.get(HOST), value.get(HOME), value.get(OFFSET), value.get(PORTS)}) {
            String part = String.valueOf(field);
            text.append(part.length()).append(':').append(part).append(';');
        }
        return text.toString();
    }
}
