package io.berth.server.endpoint;

import io.berth.ports.BindAddress;
import io.berth.ports.Offset;
import io.berth.ports.OffsetSource;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortCatalogue;
import io.berth.ports.PortDefinition;
import io.berth.ports.PortLayout;
import io.berth.ports.PortPlan;
import io.berth.ports.SocketBinding;
import io.berth.ports.SocketBindings;
import io.berth.server.host.HostRegistry;
import io.berth.server.host.RegistryPortHolders;
import io.berth.server.lifecycle.PreflightSockets;
import io.berth.server.lifecycle.PortTakenException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The context an instance gives its endpoints, for endpoint tests: a real preflight ({@link PreflightSockets}) of
 * the ports asked for, on one host, so an endpoint gets exactly the sockets it would get in a server.
 */
public final class PreflightContext implements EndpointContext, AutoCloseable {

    private final String host;
    private final PortPlan plan;
    private final SocketBindings bindings;
    private final Path home;
    private final PreflightSockets registry;

    private PreflightContext(String host, PortPlan plan, Collection<String> ids, Path home) throws PortTakenException {
        this.host = host;
        this.plan = plan;
        this.home = home;
        try {
            this.bindings = SocketBindings.uniform(BindAddress.resolve(host), host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = PreflightSockets.preflight(plan, bindings, ids, new RegistryPortHolders(
                // A registry nobody writes: readers never create it, so a taken port is named from the kernel alone.
                new HostRegistry(Path.of(System.getProperty("java.io.tmpdir"), "berth-no-registry-" + ProcessHandle.current().pid()))));
    }

    /** Preflights the given ports, each at the number given, on {@code host}. */
    public static PreflightContext of(String host, Map<String, Integer> ports, Path home) throws PortTakenException {
        List<PlannedPort> planned = new ArrayList<>();
        for (PortDefinition definition : PortCatalogue.BERTH.ports()) {
            Integer port = ports.get(definition.id());
            int number = port == null ? definition.defaultPort() : port;
            planned.add(new PlannedPort(definition, number, number, port != null));
        }
        return new PreflightContext(host, new PortPlan(Offset.of(0, OffsetSource.OPTION), planned), ports.keySet(), home);
    }

    /** Preflights the given ports at their catalogue defaults moved by {@code offset}, on {@code host}. */
    public static PreflightContext atOffset(String host, int offset, Path home, Collection<String> ids) throws PortTakenException {
        return new PreflightContext(host, PortLayout.allDefaults().at(Offset.of(offset, OffsetSource.OPTION)), ids, home);
    }

    /** The effective port of {@code id}. */
    public int port(String id) {
        return plan.effective(id);
    }

    public String host() {
        return host;
    }

    @Override
    public SocketBinding binding(String id) {
        return bindings.of(id);
    }

    @Override
    public List<ServerSocketChannel> boundChannels(String id) {
        return registry.takeTcp(id);
    }

    @Override
    public List<DatagramChannel> boundDatagramChannels(String id) {
        return registry.takeUdp(id);
    }

    @Override
    public int releaseForBind(String id) {
        return registry.releaseForBind(id);
    }

    @Override
    public Path home() {
        return home;
    }

    /** Releases whatever the endpoint did not take. */
    @Override
    public void close() {
        registry.close();
    }
}
