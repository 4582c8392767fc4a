package io.berth.server.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.berth.server.host.InstanceState;
import io.berth.server.report.ClusterReport;
import io.berth.server.report.PortReport;

/**
 * What a running instance tells client tools about itself: the content of
 * {@code <home>/runtime/instance.json}, and of {@code /api/ports}.
 *
 * @param state     starting, running or stopping; written lower-case ({@link InstanceState#wireName()})
 * @param startedAt when the process started, ISO-8601
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
        PortReport ports,
        ClusterReport cluster) {
}
