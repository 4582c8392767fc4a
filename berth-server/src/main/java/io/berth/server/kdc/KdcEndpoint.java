package io.berth.server.kdc;

import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import org.apache.kerby.kerberos.kerb.identity.backend.BackendConfig;
import org.apache.kerby.kerberos.kerb.server.KdcConfig;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.KdcContext;
import org.apache.kerby.kerberos.kerb.server.KdcSetting;

import java.lang.System.Logger.Level;
import io.berth.ports.SocketBinding;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Objects;

/**
 * Berth's Kerberos KDC: Apache Kerby's request engine on registry port {@value #PORT_ID}, TCP and UDP,
 * with principals and the krbtgt key persisted under {@code home/data/kdc}.
 *
 * <p>Hardening over Kerby's defaults: only aes256/aes128-cts-hmac-sha1-96 keys and tickets, and
 * PA-ENC-TIMESTAMP pre-authentication required for every principal ({@link StrictPreauthHandler}).
 */
public final class KdcEndpoint implements Endpoint {

    /** Registry id of the KDC port (TCP and UDP share the number, as port 88 does). */
    public static final String PORT_ID = "kdc";

    private static final System.Logger LOG = System.getLogger(KdcEndpoint.class.getName());

    private final KdcSettings settings;
    private final KdcLimits limits;
    private KdcListeners listeners;
    private FileIdentityBackend backend;

    public KdcEndpoint(KdcSettings settings) {
        this(settings, KdcLimits.DEFAULTS);
    }

    /** @param limits what any one TCP client may hold: connections, idle time, time for a whole request */
    public KdcEndpoint(KdcSettings settings, KdcLimits limits) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public String name() {
        return "kdc";
    }

    @Override
    public List<String> portIds() {
        return List.of(PORT_ID);
    }

    @Override
    public synchronized void start(EndpointContext context) throws Exception {
        if (listeners != null) {
            throw new IllegalStateException("KDC endpoint already started");
        }
        SocketBinding binding = context.binding(PORT_ID);

        KdcAdmin admin = new KdcAdmin(context.home(), settings.realm());
        admin.initRealm();
        for (KdcSettings.PrincipalSpec p : settings.principals()) {
            KdcAdmin.Outcome outcome = admin.ensurePrincipal(p.name(), p.password());
            if (outcome != KdcAdmin.Outcome.UNCHANGED) {
                LOG.log(Level.INFO, "KDC principal " + admin.qualify(p.name()) + ": " + outcome.name().toLowerCase());
            }
        }

        FileIdentityBackend identities = new FileIdentityBackend(admin.database());
        List<ServerSocketChannel> tcp = context.boundChannels(PORT_ID);
        List<DatagramChannel> udp = context.boundDatagramChannels(PORT_ID);
        KdcListeners opened = new KdcListeners(settings.realm(), limits, tcp, udp);
        // From here on stop() releases the sockets, whatever fails below.
        listeners = opened;
        int port = opened.port();
        KdcContext kdcContext = new KdcContext(new KdcSetting(kdcConfig(binding.advertisedHost(), port), new BackendConfig()));
        kdcContext.setIdentityService(identities);
        StrictPreauthHandler preauth = new StrictPreauthHandler();
        preauth.init();
        kdcContext.setPreauthHandler(preauth);

        opened.open(new KdcMessageHandler(kdcContext));
        identities.start();
        backend = identities;
        LOG.log(Level.INFO, "KDC for realm " + settings.realm() + " listening on " + binding.bind() + " port " + port
                + " (TCP and UDP), advertised as " + binding.advertised(port));
    }

    @Override
    public synchronized void stop() {
        if (listeners != null) {
            listeners.close();
            listeners = null;
            LOG.log(Level.INFO, "KDC stopped");
        }
        if (backend != null) {
            try {
                backend.stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "KDC identity backend did not stop cleanly: " + e.getMessage());
            }
            backend = null;
        }
    }

    /** Kerby configuration; every security-relevant key is set explicitly rather than left to defaults. */
    private KdcConfig kdcConfig(String host, int port) {
        KdcConfig c = new KdcConfig();
        c.setString(KdcConfigKey.KDC_REALM, settings.realm());
        c.setString(KdcConfigKey.KDC_HOST, host);
        c.setInt(KdcConfigKey.KDC_PORT, port);
        c.setString(KdcConfigKey.ENCRYPTION_TYPES, KdcAdmin.ENCTYPE_NAMES);
        c.setBoolean(KdcConfigKey.PREAUTH_REQUIRED, true);
        c.setBoolean(KdcConfigKey.PA_ENC_TIMESTAMP_REQUIRED, true);
        c.setBoolean(KdcConfigKey.ALLOW_TOKEN_PREAUTH, false);
        c.setLong(KdcConfigKey.MAXIMUM_TICKET_LIFETIME, settings.maxTicketLifetime().toSeconds());
        return c;
    }
}
