package io.berth.server.endpoint;

import io.berth.ports.BindAddress;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.SocketBindings;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.RegistryPortHolders;
import io.berth.server.lifecycle.PortTakenException;
import io.berth.server.lifecycle.PreflightContext;
import io.berth.server.lifecycle.PreflightSockets;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The context an instance gives its endpoints, for endpoint tests: the server's own {@link PreflightContext}
 * over a real preflight of the ports asked for, on one host, so an endpoint gets exactly the sockets it would
 * get in a server. Close it to release what the endpoint did not take.
 */
public final class TestPreflight {

    private TestPreflight() {
    }

    /** Preflights the given ports, each at the number given, on {@code host}. */
    public static PreflightContext of(String host, Map<String, Integer> ports, Path home) throws PortTakenException {
        List<PlannedPort> planned = new ArrayList<>();
        for (PortDefinition definition : PortCatalogue.BERTH.ports()) {
            Integer port = ports.get(definition.id());
            int number = port == null ? definition.defaultPort() : port;
            planned.add(new PlannedPort(definition, number, number, port != null));
        }
        return preflight(host, new PortPlan(Offset.of(0, OffsetSource.OPTION), planned), ports.keySet(), home);
    }

    /** Preflights the given ports at their catalogue defaults moved by {@code offset}, on {@code host}. */
    public static PreflightContext atOffset(String host, int offset, Path home, Collection<String> ids) throws PortTakenException {
        return preflight(host, PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.OPTION)), ids, home);
    }

    private static PreflightContext preflight(String host, PortPlan plan, Collection<String> ids, Path home)
            throws PortTakenException {
        SocketBindings bindings;
        try {
            bindings = SocketBindings.uniform(BindAddress.resolve(host), host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        // A registry nobody writes: readers never create it, so a taken port is named from the kernel alone.
        HostRegistry none = new HostRegistry(Path.of(System.getProperty("java.io.tmpdir"),
                "berth-no-registry-" + ProcessHandle.current().pid()));
        return new PreflightContext(PreflightSockets.preflight(plan, bindings, ids, new RegistryPortHolders(none)), home);
    }
}
