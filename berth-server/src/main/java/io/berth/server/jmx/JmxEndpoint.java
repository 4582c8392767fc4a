package io.berth.server.jmx;

import io.berth.ports.HostPort;
import io.berth.ports.SocketBinding;
import io.berth.server.config.ConfigException;
import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import io.berth.server.lifecycle.InstanceRecord;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.security.auth.Subject;
import java.util.Set;

/**
 * JMX over the JDK's RMI connector, with both of its ports from the registry: the RMI registry on
 * {@code jmx-rmi-registry} and the RMI server on {@code jmx-rmi-server}, so that JMX works through a
 * firewall. Both bind only to their bind addresses and hand out their advertised host.
 */
public final class JmxEndpoint implements Endpoint {

    public static final String REGISTRY = "jmx-rmi-registry";
    public static final String SERVER = "jmx-rmi-server";
    public static final String PORTS_MBEAN = "berth:type=Ports";
    /** The name the connector's stub is bound under in the RMI registry, as the JDK's own agent names it. */
    private static final String BINDING_NAME = "jmxrmi";

    private final JmxSettings settings;
    private final Supplier<InstanceRecord> instance;
    private Registry registry;
    private JMXConnectorServer connector;
    private ObjectName portsName;
    private HostServerSocketFactory registrySockets;
    private HostServerSocketFactory serverSockets;

    public JmxEndpoint(JmxSettings settings, Supplier<InstanceRecord> instance) {
        this.settings = settings;
        this.instance = instance;
    }

    /**
     * {@code service:jmx:rmi://[::1]:9999/jndi/rmi://[::1]:11111/jmxrmi}: the URL a JMX client is given, from the
     * advertised addresses of the RMI server and registry ports, IPv6 literals bracketed.
     */
    public static String serviceUrl(HostPort registry, HostPort server) {
        return "service:jmx:rmi://" + server + "/jndi/rmi://" + registry + "/" + BINDING_NAME;
    }

    @Override
    public String name() {
        return "jmx";
    }

    @Override
    public List<String> portIds() {
        return List.of(REGISTRY, SERVER);
    }

    @Override
    public void start(EndpointContext context) throws Exception {
        SocketBinding server = context.binding(SERVER);
        for (SocketBinding binding : List.of(context.binding(REGISTRY), server)) {
            boolean loopbackOnly = binding.bind().addresses().stream().allMatch(InetAddress::isLoopbackAddress);
            if (!loopbackOnly && !settings.hasCredentials()) {
                throw new ConfigException("[monitoring.jmx] username and password are required: JMX would listen on "
                        + binding.bind() + ", which is not a loopback address");
            }
        }
        // Stubs handed to clients carry this host; otherwise the JDK may pick an address of another interface.
        System.setProperty("java.rmi.server.hostname", server.advertisedHost());
        try {
            registrySockets = new HostServerSocketFactory(context.boundChannels(REGISTRY));
            serverSockets = new HostServerSocketFactory(context.boundChannels(SERVER));
            int registryPort = registrySockets.port();
            int serverPort = serverSockets.port();
            registry = LocateRegistry.createRegistry(registryPort, null, registrySockets);
            MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
            portsName = new ObjectName(PORTS_MBEAN);
            platform.registerMBean(new Ports(instance), portsName);
            Map<String, Object> environment = new HashMap<>();
            // Only the credentials' own types may be deserialised before authentication.
            environment.put("jmx.remote.rmi.server.credential.types", new String[] {String[].class.getName(), String.class.getName()});
            if (settings.hasCredentials()) {
                environment.put(JMXConnectorServer.AUTHENTICATOR, authenticator());
            }
            // As the JDK's own agent does (ConnectorBootstrap): export the server on our sockets and bind its stub
            // into our registry directly, rather than through a JNDI URL that would dial the registry by host name.
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(serverPort, null, serverSockets, environment);
            connector = new RMIConnectorServer(new JMXServiceURL("rmi", HostPort.uriHost(server.advertisedHost()), serverPort),
                    environment, rmiServer, platform);
            connector.start();
            registry.bind(BINDING_NAME, rmiServer.toStub());
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    private JMXAuthenticator authenticator() {
        byte[] user = settings.username().orElseThrow().getBytes(StandardCharsets.UTF_8);
        byte[] password = settings.password().orElseThrow().getBytes(StandardCharsets.UTF_8);
        return credentials -> {
            if (credentials instanceof String[] pair && pair.length == 2 && pair[0] != null && pair[1] != null
                    && MessageDigest.isEqual(user, pair[0].getBytes(StandardCharsets.UTF_8))
                    && MessageDigest.isEqual(password, pair[1].getBytes(StandardCharsets.UTF_8))) {
                return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
            }
            throw new SecurityException("JMX credentials rejected");
        };
    }

    @Override
    public void stop() {
        try {
            if (connector != null) {
                connector.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("stopping the JMX connector failed: " + e.getMessage(), e);
        } finally {
            connector = null;
            unregister();
            unexport();
            closeQuietly(registrySockets);
            closeQuietly(serverSockets);
        }
    }

    private void unregister() {
        try {
            if (portsName != null && ManagementFactory.getPlatformMBeanServer().isRegistered(portsName)) {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(portsName);
            }
        } catch (Exception ignored) {
            // Already gone: nothing to release.
        }
        portsName = null;
    }

    private void unexport() {
        if (registry != null) {
            try {
                UnicastRemoteObject.unexportObject(registry, true);
            } catch (NoSuchObjectException alreadyUnexported) {
                // Nothing to release.
            }
            registry = null;
        }
    }

    private static void closeQuietly(HostServerSocketFactory sockets) {
        if (sockets != null) {
            try {
                sockets.close();
            } catch (java.io.IOException ignored) {
                // The socket is closed either way.
            }
        }
    }
}
