package io.berth.server.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * The cluster as one member sees it: the body of {@code /api/cluster}.
 *
 * @param memberCount how many members the cluster has now, this one included
 * @param members     the port directory: every member's host, home, offset and port table
 */
public record ClusterReport(String scheme, String domain, int memberCount, List<Member> members) implements JsonWritable {

    public ClusterReport {
        members = List.copyOf(members);
    }

    /** One member's card; {@code ports} is its {@code berth ports --format json} table, as published. */
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
        out.writeStringField("scheme", scheme);
        out.writeStringField("domain", domain);
        out.writeNumberField("memberCount", memberCount);
        out.writeArrayFieldStart("members");
        for (Member member : members) {
            member.writeJson(out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
