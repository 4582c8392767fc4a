package io.berth.server.lifecycle;

import io.berth.ports.BindAddress;
import io.berth.ports.HostPort;
import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import io.berth.ports.SocketBindings;
import io.berth.server.host.RegistryPortHolders;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The ports of a running instance. At preflight it binds every port the instance will serve, on every address
 * of its {@link io.berth.ports.SocketBinding}, so a taken one stops the start before any endpoint runs and nothing can take a
 * port between preflight and the endpoint's own bind. Endpoints then take the bound sockets from here
 * ({@link #takeTcp}, {@link #takeUdp}); only where a library cannot accept a bound socket does an endpoint ask
 * for the number ({@link #releaseForBind}).
 *
 * <p>Four things were once all called "registry"; each has its own name now: the catalogue
 * ({@code PortCatalogue}: what ports a product has), these preflight sockets (what this instance holds),
 * the host registry ({@code HostRegistry}: every instance on the host) and the runtime file
 * ({@code RuntimeFile}: this instance's ports for client tools).
 */
public final class PreflightSockets implements Closeable {

    private static final Logger LOG = LogManager.getLogger(PreflightSockets.class);

    private final PortPlan plan;
    private final SocketBindings bindings;
    /** Sockets bound at preflight and not yet handed over or released, by port id. */
    private final Map<String, List<NetworkChannel>> held = new LinkedHashMap<>();

    private PreflightSockets(PortPlan plan, SocketBindings bindings) {
        this.plan = plan;
        this.bindings = bindings;
    }

    /**
     * Binds every protocol of every port in {@code ids} on every address of its binding.
     *
     * @throws PortTakenException naming the first taken port, its id, the address it is taken on and its holder;
     *                            every socket bound so far is released first
     */
    public static PreflightSockets preflight(PortPlan plan, SocketBindings bindings, Collection<String> ids, RegistryPortHolders holders)
            throws PortTakenException {
        PreflightSockets registry = new PreflightSockets(plan, bindings);
        for (String id : ids) {
            PlannedPort port = plan.find(id).orElseThrow(() -> new IllegalArgumentException("no port " + id));
            BindAddress bind = bindings.of(id).bind();
            for (Protocol protocol : port.definition().protocols()) {
                for (InetAddress address : bind.addresses()) {
                    try {
                        registry.held.computeIfAbsent(id, any -> new ArrayList<>()).add(bind(address, port.effective(), protocol,
                                port.definition().rule().shared()));
                    } catch (IOException taken) {
                        registry.close();
                        if (!isLocal(address)) {
                            throw new PortTakenException("Port " + port.effective() + "/" + protocol.wireName() + " (" + id
                                    + ") cannot be bound on " + where(bind, address) + ": it is not an address of this host ("
                                    + taken.getMessage() + ")");
                        }
                        throw new PortTakenException("Port " + port.effective() + "/" + protocol.wireName() + " (" + id + ") on "
                                + where(bind, address) + " is taken by " + holders.describe(port.effective(), protocol, address)
                                + ": " + taken.getMessage());
                    }
                }
            }
        }
        return registry;
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    /** {@code ::1}, or {@code ::1 (one of localhost's addresses 127.0.0.1, ::1)} when a name binds several. */
    private static String where(BindAddress bind, InetAddress address) {
        String text = HostPort.literal(address);
        return bind.addresses().size() > 1 ? text + " (one of " + bind.name() + "'s addresses " + bind.addressText() + ")" : text;
    }

    /**
     * @param shared a fixed port (the multicast group port) has one number on every instance of the host,
     *               so members share it: bound reusable, it still meets an exclusive holder as taken
     */
    private static NetworkChannel bind(InetAddress address, int port, Protocol protocol, boolean shared) throws IOException {
        InetSocketAddress socketAddress = new InetSocketAddress(address, port);
        return switch (protocol) {
            case TCP -> {
                ServerSocketChannel channel = ServerSocketChannel.open();
                try {
                    // As every server does: a port whose last connections linger in TIME_WAIT is free.
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.bind(socketAddress, 128);
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
                yield channel;
            }
            case UDP -> {
                DatagramChannel channel = DatagramChannel.open();
                try {
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, shared);
                    channel.bind(socketAddress);
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
                yield channel;
            }
        };
    }

    /**
     * The one place a preflight socket is given up before its endpoint binds: the libraries that bind their
     * own socket and accept no bound one. Between this call and the library's bind, another process could
     * take the port; the endpoint's start then fails naming it. Today these are:
     * <ul>
     * <li>{@code cluster-wka}: Hazelcast 5 binds its member socket itself; the hook that would take a bound
     *     channel (its {@code AddressPicker}) is internal API;</li>
     * <li>{@code cluster-multicast}: Hazelcast's multicast service opens its own {@code MulticastSocket}.</li>
     * </ul>
     * Every other endpoint takes its sockets with {@link #takeTcp} and {@link #takeUdp}.
     *
     * @return the effective port of {@code id}
     */
    public synchronized int releaseForBind(String id) {
        closeAll(held.remove(id));
        return plan.effective(id);
    }

    /** Hands over every TCP socket bound at preflight for {@code id}, one per bind address; the caller now owns them. */
    public synchronized List<ServerSocketChannel> takeTcp(String id) {
        return take(id, ServerSocketChannel.class);
    }

    /** Hands over every UDP socket bound at preflight for {@code id}, one per bind address; the caller now owns them. */
    public synchronized List<DatagramChannel> takeUdp(String id) {
        return take(id, DatagramChannel.class);
    }

    private <T extends NetworkChannel> List<T> take(String id, Class<T> type) {
        List<T> taken = new ArrayList<>();
        List<NetworkChannel> sockets = held.get(id);
        if (sockets != null) {
            for (NetworkChannel socket : List.copyOf(sockets)) {
                if (type.isInstance(socket)) {
                    sockets.remove(socket);
                    taken.add(type.cast(socket));
                }
            }
        }
        if (taken.isEmpty()) {
            throw new IllegalStateException("no " + type.getSimpleName() + " held for port " + id
                    + " (already taken, or not preflighted)");
        }
        return taken;
    }

    /** The plan the preflight bound: each port's effective number. */
    public PortPlan plan() {
        return plan;
    }

    /** Where each port binds and what it advertises, as the preflight bound it. */
    public SocketBindings bindings() {
        return bindings;
    }

    /** Releases every socket still held; safe to call twice. */
    @Override
    public synchronized void close() {
        held.values().forEach(PreflightSockets::closeAll);
        held.clear();
    }

    private static void closeAll(List<NetworkChannel> sockets) {
        if (sockets == null) {
            return;
        }
        for (NetworkChannel socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.warn("Closing {} failed: {}", socket, e.getMessage());
            }
        }
    }
}
