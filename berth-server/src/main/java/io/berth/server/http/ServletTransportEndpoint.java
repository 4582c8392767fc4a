package io.berth.server.http;

import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import io.berth.server.lifecycle.InstanceRecord;
import io.berth.server.security.ServerIdentity;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
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
    private final Http2Settings http2;
    private final Supplier<InstanceRecord> instance;
    private final InstanceInfo.Configured configured;
    private final List<Handler> mounted = new ArrayList<>();
    private Server server;

    static {
        JettyMemoryLayout.declare();
    }

    /**
     * @param redirectToHttps whether plain HTTP requests are redirected to the HTTPS port
     * @param http2           on which transports HTTP/2 is spoken besides HTTP/1.1
     * @param instance        the instance's current record, for the console and the API
     * @param configured      the product and KDC realm, for the console
     */
    public ServletTransportEndpoint(ServerIdentity identity, boolean redirectToHttps, Http2Settings http2,
            Supplier<InstanceRecord> instance, InstanceInfo.Configured configured) {
        this.identity = identity;
        this.redirectToHttps = redirectToHttps;
        this.http2 = http2;
        this.instance = instance;
        this.configured = configured;
    }

    /**
     * Adds a handler tried before the console's routes, e.g. the Thrift authenticator; it answers
     * the requests it takes and declines the rest. Call before {@link #start}.
     */
    public ServletTransportEndpoint mount(Handler handler) {
        mounted.add(handler);
        return this;
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
        List<ServerSocketChannel> httpsChannels = context.boundChannels(HTTPS);
        List<ServerSocketChannel> httpChannels = context.boundChannels(HTTP);
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("berth-http");
        server = new Server(threads);
        try {
            HttpConfiguration plain = new HttpConfiguration();
            plain.setSendServerVersion(false);
            plain.setSecureScheme("https");
            // Redirects to HTTPS name the port clients dial, which a proxy in front may change.
            plain.setSecurePort(context.binding(HTTPS).advertised(httpsChannels.get(0).socket().getLocalPort()).port());
            HttpConfiguration secure = new HttpConfiguration(plain);
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            // Operators reach an instance by IP or by a name the generated certificate may not carry.
            customizer.setSniHostCheck(false);
            secure.addCustomizer(customizer);

            // One connector per bind address: a name with several addresses is served on each.
            for (ServerSocketChannel channel : httpsChannels) {
                server.addConnector(new RegistryConnector(server, channel, secureFactories(secure)));
            }
            for (ServerSocketChannel channel : httpChannels) {
                server.addConnector(new RegistryConnector(server, channel, plainFactories(plain)));
            }
            boolean loopbackBind = java.util.stream.Stream.concat(httpsChannels.stream(), httpChannels.stream())
                    .allMatch(channel -> channel.socket().getInetAddress().isLoopbackAddress());
            List<Handler> handlers = new ArrayList<>(mounted);
            handlers.add(new RoutesHandler(instance, configured, loopbackBind));
            Handler routes = handlers.size() == 1 ? handlers.get(0) : new Handler.Sequence(handlers);
            server.setHandler(redirectToHttps ? new SecuredRedirectHandler(routes) : routes);
            server.start();
        } catch (Exception e) {
            stop();
            for (ServerSocketChannel channel : httpsChannels) {
                channel.close();
            }
            for (ServerSocketChannel channel : httpChannels) {
                channel.close();
            }
            throw e;
        }
    }

    /** TLS, then ALPN choosing h2 or HTTP/1.1 (Jetty's documented order); HTTP/1.1 alone when HTTP/2 is off. */
    private ConnectionFactory[] secureFactories(HttpConfiguration secure) {
        HttpConnectionFactory http11 = new HttpConnectionFactory(secure);
        SslContextFactory.Server tls = tls();
        if (!http2.https()) {
            return new ConnectionFactory[] {new SslConnectionFactory(tls, http11.getProtocol()), http11};
        }
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(secure);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        // A client that offers no ALPN (or no h2) speaks HTTP/1.1, as before.
        alpn.setDefaultProtocol(http11.getProtocol());
        // RFC 7540 section 9.2.2: h2 must not be negotiated with the ciphers it blacklists; put those last.
        tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
        return new ConnectionFactory[] {new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11};
    }

    /** HTTP/1.1, and h2c by prior knowledge or by upgrade when HTTP/2 is on. */
    private ConnectionFactory[] plainFactories(HttpConfiguration plain) {
        HttpConnectionFactory http11 = new HttpConnectionFactory(plain);
        return http2.http() ? new ConnectionFactory[] {http11, new HTTP2CServerConnectionFactory(plain)}
                : new ConnectionFactory[] {http11};
    }

    /**
     * Jetty's TLS on the instance's one context ({@link ServerIdentity#sslContext()}, already made before the start
     * reached Jetty, and shared with Thrift and JMX): Jetty picks protocols, ciphers and ALPN from it as from
     * one it makes itself, and its SNI host check reads the certificate the session served.
     */
    private SslContextFactory.Server tls() {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(identity.sslContext());
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
