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
 * @param rejected    cards that did not verify (another secret, forged, malformed): left out of
 *                    {@code members}, each listed here with its member's address and why; none when null (an older
 *                    instance's answer)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterReport(String scheme, String domain, String state, int memberCount, List<Member> members,
        String search, List<String> missing, List<Rejected> rejected) implements JsonWritable {

    public static final String ALONE = "alone";

    public ClusterReport {
        members = List.copyOf(members);
        missing = missing == null ? null : List.copyOf(missing);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
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

    /**
     * The cluster as {@code berth status --cluster} prints it: a summary line ({@code Cluster: 3 member(s), scheme
     * wka, domain berth}, with how many cards were rejected), "Cluster degraded" while this member runs alone, then
     * {@link #table()}.
     */
    @JsonIgnore
    public String summary() {
        StringBuilder text = new StringBuilder("Cluster: " + memberCount + " member(s), scheme " + scheme + ", domain " + domain);
        if (!rejected.isEmpty()) {
            text.append(", ").append(rejected.size()).append(" card(s) rejected");
        }
        text.append('\n');
        if (degraded()) {
            text.append("Cluster degraded: none of the members ").append(missing).append(" found; this member runs alone\n");
        }
        return text.toString();
    }

    /**
     * One row per verified member (host, offset, home, its enabled ports as {@code id=port}), then one per
     * rejected card: the member's address, and in the ports column why its card was left out, so that a member
     * with another secret is seen where the members are, not only in the JSON.
     */
    @JsonIgnore
    public Table table() {
        Table table = new Table("HOST", "OFFSET", "HOME", "PORTS");
        for (Member member : members) {
            StringBuilder ports = new StringBuilder();
            if (member.ports() != null) {
                for (JsonNode port : member.ports().path("ports")) {
                    if (port.path("enabled").asBoolean()) {
                        ports.append(ports.isEmpty() ? "" : " ").append(port.path("id").asText()).append('=')
                                .append(port.path("effective").asInt());
                    }
                }
            }
            table.row(member.host(), member.offset(), member.home(), ports);
        }
        for (Rejected card : rejected) {
            table.row(card.member(), "-", "-", "card rejected: " + card.reason());
        }
        return table;
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
