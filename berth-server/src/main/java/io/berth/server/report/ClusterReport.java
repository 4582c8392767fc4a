package io.berth.server.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The cluster as one member sees it: the body of {@code /api/cluster}.
 *
 * @param memberCount how many members the cluster has now, this one included
 * @param members     the port directory: every member's host, home, offset and port table
 */
public record ClusterReport(String scheme, String domain, int memberCount, List<Member> members) {

    public ClusterReport {
        members = List.copyOf(members);
    }

    /** One member's card; {@code ports} is its {@code berth ports --format json} table, as published. */
    public record Member(String host, String home, int offset, JsonNode ports) {
    }
}
