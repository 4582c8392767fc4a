package io.berth.server.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import io.berth.ports.SocketBindings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Berth instance of this user in the host registry: written when a start reserves its ports, kept while it
 * runs, removed when it stops. The ports themselves are claimed host-wide ({@link HostClaims}); the entry adds
 * what only its own user should read: the home, the offset, the state and the console URL.
 *
 * @param pid          the instance's process
 * @param processStart when that process started (epoch millis), so a reused pid is not mistaken for it
 * @param reservation  the name of its claims, {@code <pid>.<start>.<n>}
 * @param state        starting while it binds, then running, stopping
 * @param auto         whether {@code auto} picked the offset
 * @param consoleUrl   {@code null} until the instance runs
 * @param ports        every enabled port, each protocol on its own, with the address it binds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostEntry(long pid, long processStart, String reservation, String home, int offset, boolean auto,
        InstanceState state, String consoleUrl, List<HostPort> ports) {

    /**
     * A socket an entry holds or has reserved.
     *
     * @param address the numeric bind address ({@code 127.0.0.1}, {@code 0.0.0.0})
     */
    public record HostPort(String id, int port, String protocol, String address) {

        public SocketKey socket() {
            return new SocketKey(Protocol.valueOf(protocol.toUpperCase(Locale.ROOT)), port, address);
        }
    }

    public HostEntry {
        ports = List.copyOf(ports);
    }

    /**
     * Every enabled port of {@code plan}, each protocol on each address its binding names a socket of its own.
     *
     * @param bindings where each port id binds
     */
    public static List<HostPort> ports(PortPlan plan, SocketBindings bindings) {
        List<HostPort> ports = new ArrayList<>();
        for (PlannedPort port : plan.enabledPorts()) {
            for (InetAddress address : bindings.of(port.id()).bind().addresses()) {
                for (Protocol protocol : port.definition().protocols()) {
                    ports.add(new HostPort(port.id(), port.effective(), protocol.wireName(), address.getHostAddress()));
                }
            }
        }
        return ports;
    }

    public HostEntry with(InstanceState newState, String newConsoleUrl) {
        return new HostEntry(pid, processStart, reservation, home, offset, auto, newState, newConsoleUrl, ports);
    }

    /** The entry's port whose socket overlaps {@code socket}, if any. */
    public java.util.Optional<HostPort> overlapping(SocketKey socket) {
        return ports.stream().filter(held -> held.socket().overlaps(socket)).findFirst();
    }

    /** Whether this entry's process still runs: same pid, same start. */
    public boolean isLive() {
        return new ProcessIdentity(pid, processStart).isAlive();
    }

    /** {@code Berth instance /opt/berth at offset 3 (pid 1234)}, as every message names a Berth holder. */
    public String describe() {
        return "Berth instance " + home + " at offset " + offset + " (pid " + pid + (state == InstanceState.RUNNING ? "" : ", " + state) + ")";
    }
}
