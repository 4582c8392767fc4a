package io.berth.server.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * The cluster as one member sees it: the body of {@code /api/cluster}.
 *
 * @param state       {@code "up"}, or {@code "down"} once this member has left the cluster (shut down by
 *                    another member, say); the instance keeps serving either way
 * @param memberCount how many members the cluster has now, this one included; 0 when down
 * @param members     the port directory: every member's host, home, offset and port table, each card
 *                    signed with the cluster secret
 * @param search      wka with {@code members} listed, and kubernetes: {@code searching} (none found yet, within
 *                    {@code members_missing_seconds}), {@code joined}, or {@code alone} (none found for that long:
 *                    the cluster is degraded); {@code null} otherwise
 * @param missing     while the search says {@code alone}: the configured members, or the Kubernetes service
 *                    looked for ({@code berth.default.svc.cluster.local}); else {@code null}
 * @param rejected    cards that did not verify (another secret, forged, malformed), which no view shows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterReport(String scheme, String domain, String state, int memberCount, List<Member> members,
        String search, List<String> missing, List<Rejected> rejected) implements JsonWritable {

    public static final String ALONE = "alone";

    public ClusterReport {
        members = List.copyOf(members);
        missing = missing == null ? null : List.copyOf(missing);
        rejected = List.copyOf(rejected);
    }

    /** A member's card that was ignored, and why. */
    public record Rejected(String member, String reason) implements JsonWritable {

        @Override
        public void writeJson(JsonGenerator out) throws IOException {
            out.writeStartObject();
            Json.optional(out, "member", member);
            Json.optional(out, "reason", reason);
            out.writeEndObject();
        }
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
    public record Member(String host, String home, int offset, JsonNode ports) implements JsonWritable {

        @Override
        public void writeJson(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("host", host);
            out.writeStringField("home", home);
            out.writeNumberField("offset", offset);
            out.writeFieldName("ports");
            if (ports == null) {
                out.writeNull();
            } else {
                Json.tree(out, ports);
            }
            out.writeEndObject();
        }
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        Json.optional(out, "scheme", scheme);
        Json.optional(out, "domain", domain);
        Json.optional(out, "state", state);
        out.writeNumberField("memberCount", memberCount);
        out.writeArrayFieldStart("members");
        for (Member member : members) {
            member.writeJson(out);
        }
        out.writeEndArray();
        Json.optional(out, "search", search);
        if (missing != null) {
            out.writeArrayFieldStart("missing");
            for (String member : missing) {
                out.writeString(member);
            }
            out.writeEndArray();
        }
        out.writeArrayFieldStart("rejected");
        for (Rejected card : rejected) {
            card.writeJson(out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
