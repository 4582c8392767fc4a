package io.berth.server.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The cluster as one member sees it: the body of {@code /api/cluster}.
 *
 * @param memberCount how many members the cluster has now, this one included
 * @param members     the port directory: every member's host, home, offset and port table
 * @param search      wka with {@code members} listed: {@code searching} (none found yet, within
 *                    {@code members_missing_seconds}), {@code joined}, or {@code alone} (none found for that long:
 *                    the cluster is degraded); {@code null} otherwise
 * @param missing     the configured members while the search says {@code alone}, else {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterReport(String scheme, String domain, int memberCount, List<Member> members, String search,
        List<String> missing) {

    public static final String ALONE = "alone";

    public ClusterReport {
        members = List.copyOf(members);
        missing = missing == null ? null : List.copyOf(missing);
    }

    /** Whether the member has found none of its configured members for longer than it may. */
    @JsonIgnore
    public boolean degraded() {
        return ALONE.equals(search);
    }

    /**
     * One member's card; {@code ports} is its port table as published, each enabled port with the address
     * clients dial for it ({@code advertised}).
     *
     * @param host the member's advertised host, as the other members and clients dial it
     */
    public record Member(String host, String home, int offset, JsonNode ports) {
    }
}
