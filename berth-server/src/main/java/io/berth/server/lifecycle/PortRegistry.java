package io.berth.server.lifecycle;

import io.berth.ports.PlannedPort;
import io.berth.ports.PortPlan;
import io.berth.ports.Protocol;
import io.berth.server.host.RegistryPortHolders;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * The ports of a running instance. At preflight it binds every port the instance will serve, so a
 * taken one stops the start before any endpoint runs and nothing can take a port between preflight
 * and the endpoint's own bind. Endpoints then take their port from here: the bound socket itself
 * where their library accepts one, else the number, which releases the socket for them to bind.
 */
public final class PortRegistry implements Closeable {

    private static final Logger LOG = LogManager.getLogger(PortRegistry.class);

    private final PortPlan plan;
    /** Sockets bound at preflight and not yet handed over or released, by port id. */
    private final Map<String, List<NetworkChannel>> held = new LinkedHashMap<>();

    private PortRegistry(PortPlan plan) {
        this.plan = plan;
    }

    /**
     * Binds every protocol of every port in {@code ids} on {@code bindAddress}.
     *
     * @throws PortTakenException naming the first taken port, its id and its holder; every socket
     *                            bound so far is released first
     */
    public static PortRegistry preflight(PortPlan plan, InetAddress bindAddress, Collection<String> ids, RegistryPortHolders holders)
            throws PortTakenException {
        PortRegistry registry = new PortRegistry(plan);
        for (String id : ids) {
            PlannedPort port = plan.find(id).orElseThrow(() -> new IllegalArgumentException("no port " + id));
            for (Protocol protocol : port.definition().protocols()) {
                try {
                    registry.held.computeIfAbsent(id, any -> new ArrayList<>()).add(bind(bindAddress, port.effective(), protocol,
                            !port.definition().offsetApplied()));
                } catch (IOException taken) {
                    registry.close();
                    throw new PortTakenException("Port " + port.effective() + "/" + protocol.wireName() + " (" + id + ") on "
                            + bindAddress.getHostAddress() + " is taken by " + holders.describe(port.effective(), protocol, bindAddress)
                            + ": " + taken.getMessage());
                }
            }
        }
        return registry;
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

    /** The effective port of {@code id}, releasing the preflight sockets so the endpoint can bind it. */
    public synchronized int releaseForBind(String id) {
        closeAll(held.remove(id));
        return plan.effective(id);
    }

    /** Hands over the TCP socket bound at preflight for {@code id}; the caller now owns it. */
    public synchronized ServerSocketChannel takeChannel(String id) {
        List<NetworkChannel> sockets = held.get(id);
        if (sockets != null) {
            for (NetworkChannel socket : sockets) {
                if (socket instanceof ServerSocketChannel tcp) {
                    sockets.remove(socket);
                    return tcp;
                }
            }
        }
        throw new IllegalStateException("no TCP socket held for port " + id + " (already taken, or not preflighted)");
    }

    /** Releases every socket still held; safe to call twice. */
    @Override
    public synchronized void close() {
        held.values().forEach(PortRegistry::closeAll);
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
