package io.berth.server.jmx;

import io.berth.ports.HostPort;
import io.berth.ports.SocketBinding;
import io.berth.server.endpoint.Endpoint;
import io.berth.server.endpoint.EndpointContext;
import io.berth.server.lifecycle.InstanceRecord;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.rmi.server.RMIClientSocketFactory;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIClientSocketFactory;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;

/**
 * JMX over the JDK's RMI connector, with both of its ports from the registry: the RMI registry on
 * {@code jmx-rmi-registry} and the RMI server on {@code jmx-rmi-server}, so that JMX works through a
 * firewall. Both bind only to their bind addresses and hand out their advertised host.
 *
 * <p>Every client authenticates, on loopback too ({@link JmxCredentials}: the install's own users, the
 * JDK's access-file roles, no MBean creation). Beyond loopback the RMI server speaks TLS with the instance's
 * key, so credentials never cross a network in clear; the registry, which hands out only the connector's
 * stub, stays plain, as with the JDK's own agent ({@code com.sun.management.jmxremote.registry.ssl=false}).
 * Before authentication the connector deserialises nothing but the credentials' strings, and after it only
 * the value types that JMX operations carry ({@link #SERIAL_FILTER}).
 */
public final class JmxEndpoint implements Endpoint {

    public static final String REGISTRY = "jmx-rmi-registry";
    public static final String SERVER = "jmx-rmi-server";
    public static final String PORTS_MBEAN = "berth:type=Ports";
    /** The name the connector's stub is bound under in the RMI registry, as the JDK's own agent names it. */
    private static final String BINDING_NAME = "jmxrmi";

    /**
     * The classes a client may send (as {@code jdk.serialFilter} patterns): JMX's own value types and open
     * types, the JDK's plain values, and nothing else; bounded depth and array length.
     */
    static final String SERIAL_FILTER = "maxdepth=20;maxarray=100000;maxrefs=100000;"
            + "java.lang.*;java.math.BigInteger;java.math.BigDecimal;java.util.*;java.rmi.MarshalledObject;"
            + "javax.management.*;javax.management.openmbean.*;javax.security.auth.Subject;!*";

    private final JmxCredentials credentials;
    private final Supplier<SSLContext> tls;
    private final Supplier<InstanceRecord> instance;
    private Registry registry;
    private JMXConnectorServer connector;
    private ObjectName portsName;
    private HostServerSocketFactory registrySockets;
    private HostServerSocketFactory serverSockets;

    /**
     * @param credentials the install's JMX users, already checked (see {@link JmxCredentials#load})
     * @param tls         the instance's TLS context, used when the RMI server listens beyond loopback
     */
    public JmxEndpoint(JmxCredentials credentials, Supplier<SSLContext> tls, Supplier<InstanceRecord> instance) {
        this.credentials = credentials;
        this.tls = tls;
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
        boolean loopbackOnly = server.bind().addresses().stream().allMatch(InetAddress::isLoopbackAddress);
        Optional<SSLContext> serverTls = loopbackOnly ? Optional.empty() : Optional.of(tls.get());
        // Stubs handed to clients carry this host; otherwise the JDK may pick an address of another interface.
        System.setProperty("java.rmi.server.hostname", server.advertisedHost());
        try {
            registrySockets = new HostServerSocketFactory(context.boundChannels(REGISTRY), Optional.empty());
            serverSockets = new HostServerSocketFactory(context.boundChannels(SERVER), serverTls);
            int registryPort = registrySockets.port();
            int serverPort = serverSockets.port();
            registry = LocateRegistry.createRegistry(registryPort, null, registrySockets);
            MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
            portsName = new ObjectName(PORTS_MBEAN);
            platform.registerMBean(new Ports(instance), portsName);
            Map<String, Object> environment = new HashMap<>();
            // Only the credentials' own types may be deserialised before authentication.
            environment.put("jmx.remote.rmi.server.credential.types", new String[] {String[].class.getName(), String.class.getName()});
            environment.put(RMIConnectorServer.SERIAL_FILTER_PATTERN, SERIAL_FILTER);
            environment.put(JMXConnectorServer.AUTHENTICATOR, credentials.authenticator());
            environment.put("jmx.remote.x.access.file", credentials.accessFile().toString());
            RMIClientSocketFactory clientSockets = serverTls.isPresent() ? new SslRMIClientSocketFactory() : null;
            // As the JDK's own agent does (ConnectorBootstrap): export the server on our sockets and bind its stub
            // into our registry directly, rather than through a JNDI URL that would dial the registry by host name.
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(serverPort, clientSockets, serverSockets, environment);
            connector = new RMIConnectorServer(new JMXServiceURL("rmi", HostPort.uriHost(server.advertisedHost()), serverPort),
                    environment, rmiServer, platform);
            connector.start();
            registry.bind(BINDING_NAME, rmiServer.toStub());
        } catch (Exception e) {
            stop();
            throw e;
        }
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
