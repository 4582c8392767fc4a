package io.berth.server.endpoint;

import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

/** What an endpoint gets from the instance: where to bind and, from the registry, its ports. */
public interface EndpointContext {

    /** Host/address to bind (from [server] hostname), e.g. "localhost" or "127.0.0.1". */
    String bindHost();

    /**
     * Effective port (default + offset) of a registry id. Never compute ports yourself. The registry
     * holds the port from preflight on; asking for the number releases it so the endpoint's library
     * can bind it itself.
     */
    int port(String id);

    /**
     * The TCP socket the registry bound for {@code id} at preflight, handed over for a library that
     * accepts an already-bound socket, so no other process can take the port in between.
     */
    ServerSocketChannel boundChannel(String id);

    /** The server home directory. */
    Path home();
}
