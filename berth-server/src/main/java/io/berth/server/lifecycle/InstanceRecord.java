package io.berth.server.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import io.berth.server.host.InstanceState;
import io.berth.server.report.ClusterReport;
import io.berth.server.report.Json;
import io.berth.server.report.JsonWritable;
import io.berth.server.report.PortReport;
import java.io.IOException;

/**
 * What a running instance tells client tools about itself: the content of
 * {@code <home>/runtime/instance.json}, and of {@code /api/ports}.
 *
 * @param state     starting, running or stopping; written lower-case ({@link InstanceState#wireName()})
 * @param startedAt when the server's JVM started, ISO-8601: the instance's uptime counts from here, never from a
 *                  launcher (or a build) that ran before it in the same process
 * @param processStartedAt when the process started, ISO-8601, as the OS tells ({@link
 *                  io.berth.server.host.ProcessIdentity}): earlier than {@code startedAt} when a launcher execs the
 *                  JVM; it tells this process from a later one given its pid. {@code null} in records written
 *                  before it existed, which then compare {@code startedAt}
 * @param jmxCredentials where the JMX users and passwords are ({@code repository/security/jmxremote.password});
 *                  the path only, never a password; {@code null} when JMX is off
 * @param cluster   the cluster this instance is a member of; {@code null} when clustering is off
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceRecord(
        long pid,
        String home,
        InstanceState state,
        String startedAt,
        String consoleUrl,
        String jmxServiceUrl,
        String jmxCredentials,
        PortReport ports,
        ClusterReport cluster,
        String processStartedAt) implements JsonWritable {

    @Override
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("pid", pid);
        Json.optional(out, "home", home);
        Json.optional(out, "state", state == null ? null : state.wireName());
        Json.optional(out, "startedAt", startedAt);
        Json.optional(out, "consoleUrl", consoleUrl);
        Json.optional(out, "jmxServiceUrl", jmxServiceUrl);
        Json.optional(out, "jmxCredentials", jmxCredentials);
        if (ports != null) {
            out.writeFieldName("ports");
            ports.writeJson(out);
        }
        if (cluster != null) {
            out.writeFieldName("cluster");
            cluster.writeJson(out);
        }
        Json.optional(out, "processStartedAt", processStartedAt);
        out.writeEndObject();
    }
}
