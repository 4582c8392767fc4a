package io.berth.server.thrift;

import io.berth.server.lifecycle.PreflightContext;
import io.berth.server.thrift.auth.EntitlementLogin;
import io.berth.server.thrift.auth.LoginThrottle;
import io.berth.server.thrift.auth.SessionStore;
import io.berth.server.thrift.generated.AuthenticatorService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.transport.THttpClient;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The entitlement service as an instance serves it, in process: the Thrift port, and
 * {@code /thriftAuthenticator} on an HTTPS Jetty, sharing one login. Clients are real: a
 * THttpClient with TCompactProtocol logs in (WSO2's PEP proxy path), {@link ThriftTestClient} decides.
 */
final class EntitlementFixture implements AutoCloseable {
    final TestTls tls;
    final PreflightContext context;
    final ThriftEntitlementEndpoint endpoint;
    final Server jetty;
    final String adminPassword;

    private EntitlementFixture(TestTls tls, PreflightContext context, ThriftEntitlementEndpoint endpoint, Server jetty,
            String adminPassword) {
        this.tls = tls;
        this.context = context;
        this.endpoint = endpoint;
        this.jetty = jetty;
        this.adminPassword = adminPassword;
    }

    /** @param clock drives sessions and login lockouts; connection deadlines run on real time */
    static EntitlementFixture start(Path dir, String policies, ThriftEntitlementSettings settings, Clock clock)
            throws Exception {
        TestTls tls = TestTls.generate(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        if (policies != null) {
            Files.createDirectories(home.resolve("conf"));
            Files.writeString(home.resolve("conf/entitlement-policies.toml"), policies);
        }
        PreflightContext context = TestContexts.onFreePort(home);
        EntitlementLogin login = new EntitlementLogin(
                new SessionStore(settings.sessionIdleTimeout(), settings.maxSessions(), clock),
                new LoginThrottle(settings.maxFailedLogins(), settings.loginLockout(), 100, clock),
                settings.maxConcurrentLogins(), Duration.ofSeconds(5));
        ThriftEntitlementEndpoint endpoint = new ThriftEntitlementEndpoint(() -> tls.server, settings, login);
        endpoint.start(context);
        Server jetty = new Server();
        try {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls.server);
            HttpConfiguration https = new HttpConfiguration();
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            customizer.setSniHostCheck(false);
            https.addCustomizer(customizer);
            ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            jetty.setHandler(new ThriftAuthenticatorHandler(login, settings.maxConcurrentLogins()));
            jetty.start();
        } catch (Exception e) {
            endpoint.stop();
            jetty.stop();
            throw e;
        }
        // THttpClient opens an HttpsURLConnection: it trusts exactly the test certificate.
        HttpsURLConnection.setDefaultSSLSocketFactory(tls.client.getSocketFactory());
        String password = Files.readString(home.resolve("repository/security/entitlement-admin.password")).trim();
        return new EntitlementFixture(tls, context, endpoint, jetty, password);
    }

    int thriftPort() {
        return context.port(ThriftEntitlementEndpoint.PORT_ID);
    }

    String authenticatorUrl() {
        return "https://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort()
                + ThriftAuthenticatorHandler.PATH;
    }

    /** WSO2's PEP proxy login: Thrift over HTTPS, compact protocol, not multiplexed. */
    String login(String user, String password) throws TException {
        THttpClient http = new THttpClient(authenticatorUrl());
        try {
            return new AuthenticatorService.Client(new TCompactProtocol(http)).authenticate(user, password);
        } finally {
            http.close();
        }
    }

    String login() throws TException {
        return login("admin", adminPassword);
    }

    ThriftTestClient client() throws Exception {
        return new ThriftTestClient(tls.client, thriftPort());
    }

    @Override
    public void close() throws Exception {
        endpoint.stop();
        jetty.stop();
        context.close();
    }
}
