package io.berth.server.http;

import java.nio.channels.ServerSocketChannel;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A Jetty connector that accepts on the socket the port registry bound at preflight, rather than
 * binding one of its own: the port cannot be taken between preflight and start.
 */
final class RegistryConnector extends ServerConnector {

    private final ServerSocketChannel boundChannel;

    RegistryConnector(Server server, ServerSocketChannel boundChannel, ConnectionFactory... factories) {
        super(server, factories);
        this.boundChannel = boundChannel;
        // What Jetty reports (its logs, getLocalPort()): the channel's own address.
        setHost(boundChannel.socket().getInetAddress().getHostAddress());
        setPort(boundChannel.socket().getLocalPort());
    }

    @Override
    protected ServerSocketChannel openAcceptChannel() {
        return boundChannel;
    }
}
