package io.berth.server.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.replicatedmap.ReplicatedMap;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * <p>Dead members are forgotten twice over: every survivor removes the key on {@code memberRemoved},
 * and reads filter by the current member list, so a missed event can never show a dead member.
 */
final class PortDirectory {

    static final String MAP_NAME = "berth-port-directory";

    private static final String HOST = "host";
    private static final String HOME = "home";
    private static final String OFFSET = "offset";
    private static final String PORTS = "ports";

    private static final int WITHDRAW_TIMEOUT_SECONDS = 5;

    private final HazelcastInstance hazelcast;
    private final Supplier<MemberCard> selfCard;
    private final ReplicatedMap<String, HashMap<String, String>> map;
    /** Map writes block on remote members; Hazelcast's event threads must not, so they hand off here. */
    private final ExecutorService worker;
    private UUID membershipRegistration;
    private UUID lifecycleRegistration;

    PortDirectory(HazelcastInstance hazelcast, Supplier<MemberCard> selfCard) {
        this.hazelcast = hazelcast;
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
                // nothing: the new member publishes its own card
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
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

    /** Cards of current members, ordered by host, then offset. */
    List<MemberCard> cards() {
        Set<String> live = hazelcast.getCluster().getMembers().stream()
                .map(member -> member.getUuid().toString())
                .collect(Collectors.toSet());
        return map.entrySet().stream()
                .filter(entry -> live.contains(entry.getKey()))
                .map(entry -> decode(entry.getValue()))
                .sorted(Comparator.comparing(MemberCard::host).thenComparingInt(MemberCard::offset))
                .toList();
    }

    private void publish() {
        map.put(localUuid().toString(), encode(selfCard.get()));
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

    private static HashMap<String, String> encode(MemberCard card) {
        HashMap<String, String> value = new HashMap<>();
        value.put(HOST, card.host());
        value.put(HOME, card.home());
        value.put(OFFSET, Integer.toString(card.offset()));
        value.put(PORTS, card.portsJson());
        return value;
    }

    private static MemberCard decode(Map<String, String> value) {
        return new MemberCard(value.getOrDefault(HOST, ""), value.getOrDefault(HOME, ""),
                Integer.parseInt(value.getOrDefault(OFFSET, "0")), value.getOrDefault(PORTS, "{}"));
    }
}
