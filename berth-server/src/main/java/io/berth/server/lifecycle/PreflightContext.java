package io.berth.server.lifecycle;

import io.berth.ports.SocketBinding;
import io.berth.server.endpoint.EndpointContext;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The one {@link EndpointContext}: an instance's preflight sockets and home, handed to its endpoints. An
 * {@link Instance} gives it to each endpoint it starts, and every endpoint test makes one from a real preflight,
 * so an endpoint under test gets exactly the sockets it gets in a server.
 */
public final class PreflightContext implements EndpointContext, AutoCloseable {

    private final PreflightSockets sockets;
    private final Path home;

    /** @param sockets bound at preflight; closing this context releases what no endpoint took */
    public PreflightContext(PreflightSockets sockets, Path home) {
        this.sockets = sockets;
        this.home = home;
    }

    @Override
    public SocketBinding binding(String id) {
        return sockets.bindings().of(id);
    }

    @Override
    public List<ServerSocketChannel> boundChannels(String id) {
        return sockets.takeTcp(id);
    }

    @Override
    public List<DatagramChannel> boundDatagramChannels(String id) {
        return sockets.takeUdp(id);
    }

    @Override
    public int releaseForBind(String id) {
        return sockets.releaseForBind(id);
    }

    @Override
    public Path home() {
        return home;
    }

    /**
     * The effective port of {@code id} in the preflight's plan, for a client of the instance (a test dialing the
     * endpoint); an endpoint takes its bound sockets instead.
     */
    public int port(String id) {
        return sockets.plan().effective(id);
    }

    /** Releases every preflight socket no endpoint took; safe to call twice. */
    @Override
    public void close() {
        sockets.close();
    }
}
