package io.berth.server.thrift;

import io.berth.server.endpoint.BoundServerSocket;
import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import io.berth.server.thrift.auth.EntitlementLogin;
import io.berth.server.thrift.auth.LoginThrottle;
import io.berth.server.thrift.auth.SessionStore;
import io.berth.server.thrift.generated.EntitlementService;
import io.berth.server.thrift.transport.BoundedTlsServer;
import io.berth.server.thrift.transport.ConnectionTable;
import io.berth.server.thrift.xacml.DecisionService;
import io.berth.server.thrift.xacml.PolicyFile;
import io.berth.server.thrift.xacml.PolicySet;
import io.berth.server.thrift.xacml.XacmlRequestParser;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.thrift.protocol.TBinaryProtocol;

/**
 * WSO2's ThriftEntitlementReceivePort: {@code EntitlementService} alone on the port, not
 * multiplexed, TLS socket and TBinaryProtocol, as WSO2 Identity Server serves it. Its sessions
 * come from the {@link EntitlementLogin} that the servlet transport serves at
 * {@code /thriftAuthenticator}. Connections are bounded and deadlined ({@link ConnectionTable}).
 */
public final class ThriftEntitlementEndpoint implements Endpoint {
    public static final String PORT_ID = "thrift-entitlement";

    private static final System.Logger LOG = System.getLogger(ThriftEntitlementEndpoint.class.getName());
    /** The IDL's only container is getDecisionByAttributes' environment list: a few values. */
    private static final int MAX_CONTAINER_LENGTH = 64;
    /** Addresses whose failed logins are remembered at once. */
    private static final int MAX_THROTTLED_SOURCES = 10_000;
    /** How long a login waits for a free password check before it is refused as busy. */
    private static final java.time.Duration LOGIN_PERMIT_WAIT = java.time.Duration.ofSeconds(5);

    private final Supplier<SSLContext> tls;
    private final ThriftEntitlementSettings settings;
    private final EntitlementLogin login;
    private BoundedTlsServer running;

    /**
     * @param tls   the instance's TLS context, asked for when the endpoint starts: building one (the key's
     *              decryption, the JSSE set-up) is then done on the endpoint's own start thread, beside the others,
     *              not before every endpoint on the thread that assembles the instance
     * @param login the logins and sessions it shares with {@code /thriftAuthenticator}
     *              ({@link #login(ThriftEntitlementSettings)})
     */
    public ThriftEntitlementEndpoint(Supplier<SSLContext> tls, ThriftEntitlementSettings settings, EntitlementLogin login) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.login = Objects.requireNonNull(login, "login");
    }

    /** The logins and sessions one instance's Thrift port and {@code /thriftAuthenticator} share. */
    public static EntitlementLogin login(ThriftEntitlementSettings settings) {
        return new EntitlementLogin(new SessionStore(settings.sessionIdleTimeout(), settings.maxSessions(), Clock.systemUTC()),
                new LoginThrottle(settings.maxFailedLogins(), settings.loginLockout(), MAX_THROTTLED_SOURCES, Clock.systemUTC()),
                settings.maxConcurrentLogins(), LOGIN_PERMIT_WAIT);
    }

    @Override
    public String name() {
        return "thrift-entitlement";
    }

    @Override
    public List<String> portIds() {
        return List.of(PORT_ID);
    }

    @Override
    public synchronized void start(EndpointContext context) throws Exception {
        if (running != null) {
            throw new IllegalStateException(name() + " endpoint is already started");
        }
        // Everything that reads files comes first, so a bad file fails start without opening the port.
        Path home = context.home();
        PolicySet policies = PolicyFile.loadOrCreate(home.resolve(settings.policyFile()));
        login.open(home.resolve(settings.usersFile()), home.resolve(settings.adminPasswordFile()),
                settings.passwordIterations());
        EntitlementHandler handler = new EntitlementHandler(login,
                new DecisionService(new XacmlRequestParser(settings.maxRequestBytes()), policies));
        // Before the port is taken from the preflight, so a context that cannot be built leaves it to be released.
        SSLContext sslContext = tls.get();

        ServerSocket socket = new BoundServerSocket(context.boundChannels(PORT_ID));
        ConnectionTable table = new ConnectionTable(settings.maxConnections(), settings.handshakeTimeout(),
                settings.clientTimeout(), settings.requestTimeout(), Clock.systemUTC());
        running = new BoundedTlsServer(socket, sslContext, new EntitlementService.Processor<>(handler),
                new TBinaryProtocol.Factory(settings.maxMessageBytes(), MAX_CONTAINER_LENGTH), table,
                settings.maxMessageBytes(), settings.clientTimeout(), name());
        running.start();
        LOG.log(Level.INFO, "Thrift entitlement endpoint listening on {0} (TLS, binary protocol, at most {1} connections),"
                + " advertised as {2}", socket, settings.maxConnections(), context.binding(PORT_ID).advertised(socket.getLocalPort()));
    }

    @Override
    public synchronized void stop() {
        BoundedTlsServer r = running;
        running = null;
        if (r != null) {
            r.stop(settings.stopTimeout());
        }
        login.close();
    }
}
