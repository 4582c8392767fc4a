package io.berth.server.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * One Berth instance in the host registry: written when a start reserves its ports, kept while it
 * runs, removed when it stops.
 *
 * @param pid          the instance's process
 * @param processStart when that process started (epoch millis), so a reused pid is not mistaken for it
 * @param state        {@code starting} while it binds, then {@code running}, {@code stopping}
 * @param auto         whether {@code auto} picked the offset
 * @param consoleUrl   {@code null} until the instance runs
 * @param ports        every enabled port, each protocol on its own
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostEntry(long pid, long processStart, String home, int offset, boolean auto, String state,
        String consoleUrl, List<HostPort> ports) {

    /** A port an entry holds or has reserved. */
    public record HostPort(String id, int port, String protocol) {
    }

    public HostEntry {
        ports = List.copyOf(ports);
    }

    public static HostEntry of(long pid, long processStart, String home, PortPlan plan, String state) {
        List<HostPort> ports = new ArrayList<>();
        for (PlannedPort port : plan.enabledPorts()) {
            for (Protocol protocol : port.definition().protocols()) {
                ports.add(new HostPort(port.id(), port.effective(), protocol.wireName()));
            }
        }
        return new HostEntry(pid, processStart, home, plan.offset().value(), plan.offset().auto(), state, null, ports);
    }

    public HostEntry with(String newState, String newConsoleUrl) {
        return new HostEntry(pid, processStart, home, offset, auto, newState, newConsoleUrl, ports);
    }

    public boolean holds(int port, Protocol protocol) {
        return ports.stream().anyMatch(held -> held.port() == port && held.protocol().equals(protocol.wireName()));
    }

    /** {@code Berth instance /opt/berth at offset 3 (pid 1234)}, as every message names a Berth holder. */
    public String describe() {
        return "Berth instance " + home + " at offset " + offset + " (pid " + pid + (state.equals("running") ? "" : ", " + state) + ")";
    }
}
