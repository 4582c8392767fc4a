package io.berth.server.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The cluster as one member sees it: the body of {@code /api/cluster}.
 *
 * @param state       {@code "up"}, or {@code "down"} once this member has left the cluster (shut down by
 *                    another member, say); the instance keeps serving either way
 * @param memberCount how many members the cluster has now, this one included; 0 when down
 * @param members     the port directory: every member's host, home, offset and port table, each card
 *                    signed with the cluster secret
 * @param rejected    cards that did not verify (another secret, forged, malformed), which no view shows
 */
public record ClusterReport(String scheme, String domain, String state, int memberCount, List<Member> members,
        List<Rejected> rejected) {

    public ClusterReport {
        members = List.copyOf(members);
        rejected = List.copyOf(rejected);
    }

    /** A member's card that was ignored, and why. */
    public record Rejected(String member, String reason) {
    }

    /** One member's card; {@code ports} is its {@code berth ports --format json} table, as published. */
    public record Member(String host, String home, int offset, JsonNode ports) {
    }
}
