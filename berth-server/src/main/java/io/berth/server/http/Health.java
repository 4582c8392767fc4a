package io.berth.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import io.berth.server.host.InstanceState;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.report.Json;
import io.berth.server.report.JsonWritable;
import java.io.IOException;

/**
 * The body of {@code /api/health}, often the first request a server answers (a load balancer's or Kubernetes'
 * probe): {@code {"status":"UP","state":"running"}}, or {@code DEGRADED} with the cluster's view while a wka
 * member has found none of its members for longer than it may. Streamed, in this order, like every record the
 * start path writes.
 *
 * @param status  {@code UP} or {@code DEGRADED}; the answer stays 200 either way, since the instance itself serves
 * @param state   the instance's state
 * @param cluster why the cluster is degraded; absent when it is not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Health(String status, InstanceState state, String cluster) implements JsonWritable {

    /** The health of the instance {@code record} describes. */
    public static Health of(InstanceRecord record) {
        if (record.cluster() != null && record.cluster().degraded()) {
            return new Health("DEGRADED", record.state(),
                    "none of its members " + record.cluster().missing() + " found; this member runs alone");
        }
        return new Health("UP", record.state(), null);
    }

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("status", status);
        Json.optional(out, "state", state == null ? null : state.wireName());
        Json.optional(out, "cluster", cluster);
        out.writeEndObject();
    }
}
