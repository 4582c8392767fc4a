package io.berth.server.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a wka member has found any of its configured {@code members}: a member whose list never answers
 * otherwise runs as a cluster of one and says nothing. It is {@link State#ALONE} once it has been without
 * another member for the patience ({@code [clustering] members_missing_seconds}), from its start or from the
 * moment the last one left, and {@link State#JOINED} again as soon as one appears. Only the changes are
 * reported, so each is logged once.
 *
 * <p>Not thread-safe; the endpoint calls it from one scheduler thread.
 */
final class MemberSearch {

    /** What the member can say about its members. */
    enum State {
        /** Looking, for less than the patience: nothing to say yet. */
        SEARCHING("searching"),
        /** At least one other member is in the cluster. */
        JOINED("joined"),
        /** None of its members found for the patience or longer: the cluster is degraded. */
        ALONE("alone");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }
    }

    private final Duration patience;
    private Instant aloneSince;
    private State state = State.SEARCHING;

    /** @param patience how long without another member before saying so; at least one second */
    MemberSearch(Duration patience, Instant start) {
        this.patience = patience;
        this.aloneSince = start;
    }

    /**
     * Takes the current member count (this member included) at {@code now}.
     *
     * @return the new state when it changed, else {@code null}
     */
    State observe(int memberCount, Instant now) {
        State next;
        if (memberCount > 1) {
            aloneSince = null;
            next = State.JOINED;
        } else {
            if (aloneSince == null) {
                aloneSince = now;
            }
            boolean waitedLongEnough = !now.isBefore(aloneSince.plus(patience));
            next = waitedLongEnough ? State.ALONE : state == State.ALONE ? State.ALONE : State.SEARCHING;
        }
        if (next == state) {
            return null;
        }
        state = next;
        // Going from JOINED to SEARCHING (the last member just left) is not news yet.
        return next == State.SEARCHING ? null : next;
    }

    State state() {
        return state;
    }

    /** Since when the member has had no other member, or {@code null} while it has one. */
    Instant aloneSince() {
        return aloneSince;
    }
}
