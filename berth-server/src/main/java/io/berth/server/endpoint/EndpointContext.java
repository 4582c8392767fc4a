package io.berth.server.endpoint;

import io.berth.ports.SocketBinding;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * What an endpoint gets from the instance: the sockets the preflight bound for its ports, where they listen
 * and what they advertise.
 */
public interface EndpointContext {

    /** Where port {@code id} binds and how clients reach it. */
    SocketBinding binding(String id);

    /**
     * The TCP sockets the preflight bound for {@code id}, one per bind address, handed over: the caller owns
     * and closes them. No other process can take the port in between.
     */
    List<ServerSocketChannel> boundChannels(String id);

    /** The UDP sockets the preflight bound for {@code id}, one per bind address, handed over as {@link #boundChannels}. */
    List<DatagramChannel> boundDatagramChannels(String id);

    /**
     * The effective port of {@code id}, releasing its preflight sockets for a library that binds its own and
     * accepts no bound socket. Only for the cases listed at
     * {@link io.berth.server.lifecycle.PortRegistry#releaseForBind}; never compute ports yourself.
     */
    int releaseForBind(String id);

    /** The server home directory. */
    Path home();
}
