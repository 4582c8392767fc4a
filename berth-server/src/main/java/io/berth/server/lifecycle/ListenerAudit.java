package io.berth.server.lifecycle;

import io.berth.ports.HostPort;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import io.berth.server.host.ProcNet;
import io.berth.server.host.SocketEntry;
import io.berth.server.report.RandomListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the sockets this process really listens on (Linux {@code /proc}) with the registry:
 * which declared ports are bound, where, and which listeners nobody declared.
 *
 * @param boundAddresses the address each bound port id listens on, e.g. {@code 127.0.0.1:9443}
 * @param random         listeners the registry does not declare
 */
public record ListenerAudit(Map<String, String> boundAddresses, List<RandomListener> random) {

    public static ListenerAudit of(PortPlan plan) {
        Set<Long> mine = ProcNet.socketInodes(ProcessHandle.current().pid());
        Map<String, String> bound = new LinkedHashMap<>();
        List<RandomListener> random = new ArrayList<>();
        for (SocketEntry socket : ProcNet.listeners()) {
            if (!mine.contains(socket.inode())) {
                continue;
            }
            String address = new HostPort(socket.address(), socket.port()).toString();
            PlannedPort declared = declared(plan, socket.port(), socket.protocol());
            if (declared != null) {
                bound.merge(declared.id(), address, (first, second) -> first.equals(second) ? first : first + "," + second);
            } else {
                random.add(new RandomListener(socket.protocol().wireName(), socket.address(), socket.port()));
            }
        }
        return new ListenerAudit(bound, random);
    }

    private static PlannedPort declared(PortPlan plan, int port, Protocol protocol) {
        for (PlannedPort planned : plan.enabledPorts()) {
            if (planned.effective() == port && planned.definition().protocols().contains(protocol)) {
                return planned;
            }
        }
        return null;
    }
}
