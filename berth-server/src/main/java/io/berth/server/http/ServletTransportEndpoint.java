package io.berth.server.http;

import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.security.ServerIdentity;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.SecuredRedirectHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The servlet transports {@code https} and {@code http} on Jetty, serving the console and the API. */
public final class ServletTransportEndpoint implements Endpoint {

    public static final String HTTPS = "https";
    public static final String HTTP = "http";

    private final ServerIdentity identity;
    private final boolean redirectToHttps;
    private final Supplier<InstanceRecord> instance;
    private final InstanceInfo.Configured configured;
    private Server server;

    /**
     * @param redirectToHttps whether plain HTTP requests are redirected to the HTTPS port
     * @param instance        the instance's current record, for the console and the API
     * @param configured      the product and KDC realm, for the console
     */
    public ServletTransportEndpoint(ServerIdentity identity, boolean redirectToHttps, Supplier<InstanceRecord> instance,
            InstanceInfo.Configured configured) {
        this.identity = identity;
        this.redirectToHttps = redirectToHttps;
        this.instance = instance;
        this.configured = configured;
    }

    @Override
    public String name() {
        return "servlet transports";
    }

    @Override
    public List<String> portIds() {
        return List.of(HTTPS, HTTP);
    }

    @Override
    public void start(EndpointContext context) throws Exception {
        ServerSocketChannel httpsChannel = context.boundChannel(HTTPS);
        ServerSocketChannel httpChannel = context.boundChannel(HTTP);
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("berth-http");
        server = new Server(threads);
        try {
            HttpConfiguration plain = new HttpConfiguration();
            plain.setSendServerVersion(false);
            plain.setSecureScheme("https");
            plain.setSecurePort(httpsChannel.socket().getLocalPort());
            HttpConfiguration secure = new HttpConfiguration(plain);
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            // Operators reach an instance by IP or by a name the generated certificate may not carry.
            customizer.setSniHostCheck(false);
            secure.addCustomizer(customizer);

            server.addConnector(connector(context, httpsChannel,
                    new SslConnectionFactory(tls(), "http/1.1"), new HttpConnectionFactory(secure)));
            server.addConnector(connector(context, httpChannel, new HttpConnectionFactory(plain)));
            boolean loopbackBind = httpsChannel.socket().getInetAddress().isLoopbackAddress()
                    && httpChannel.socket().getInetAddress().isLoopbackAddress();
            Handler routes = new RoutesHandler(instance, configured, loopbackBind);
            server.setHandler(redirectToHttps ? new SecuredRedirectHandler(routes) : routes);
            server.start();
        } catch (Exception e) {
            stop();
            httpsChannel.close();
            httpChannel.close();
            throw e;
        }
    }

    private ServerConnector connector(EndpointContext context, ServerSocketChannel channel, ConnectionFactory... factories) {
        ServerConnector connector = new RegistryConnector(server, channel, factories);
        connector.setHost(context.bindHost());
        connector.setPort(channel.socket().getLocalPort());
        return connector;
    }

    private SslContextFactory.Server tls() {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity.keyStore());
        tls.setKeyStorePassword(new String(identity.keyPassword()));
        tls.setCertAlias(identity.alias());
        return tls;
    }

    @Override
    public void stop() {
        Server running = server;
        server = null;
        if (running != null) {
            try {
                running.stop();
            } catch (Exception e) {
                throw new IllegalStateException("stopping Jetty failed: " + e.getMessage(), e);
            }
        }
    }
}
