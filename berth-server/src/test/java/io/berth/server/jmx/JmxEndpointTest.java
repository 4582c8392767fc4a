package io.berth.server.jmx;

import io.berth.server.endpoint.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.berth.server.config.ConfigException;
import io.berth.ports.HostPort;
import io.berth.server.endpoint.TestPreflight;
import io.berth.server.lifecycle.PreflightContext;
import io.berth.server.security.KeyStores;
import io.berth.server.security.ServerIdentity;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMX as a client meets it: credentials always, roles as the access file says, no MLet, TLS off loopback. */
class JmxEndpointTest {

    private static final ObjectName RUNTIME = name("java.lang:type=Runtime");
    private static final ObjectName MEMORY = name("java.lang:type=Memory");

    @TempDir
    Path home;

    private JmxEndpoint endpoint;
    private PreflightContext context;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theInstallsOwnCredentialsFileIsOwnerOnlyWithAReadOnlyAndAControlUser() throws Exception {
        JmxCredentials credentials = JmxCredentials.load(home, none());

        assertEquals(JmxCredentials.file(home), credentials.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.file())));
        assertEquals(List.of(JmxCredentials.MONITOR_ROLE, JmxCredentials.CONTROL_ROLE), users(credentials.file()));
        String access = Files.readString(credentials.accessFile());
        assertTrue(access.contains("monitorRole readonly\n") && access.contains("controlRole readwrite\n"), access);
        assertTrue(access.lines().filter(line -> !line.startsWith("#")).noneMatch(line -> line.contains("create")), access);
        assertFalse(password(JmxCredentials.MONITOR_ROLE).equals(password(JmxCredentials.CONTROL_ROLE)));
        // A second install has passwords of its own.
        Path other = Files.createDirectory(home.resolve("other"));
        JmxCredentials.load(other, none());
        assertFalse(Files.readString(credentials.file()).equals(Files.readString(JmxCredentials.file(other))));
    }

    @Test
    void aCredentialsFileOthersCanReadStopsTheStartBeforeAnythingBinds() throws Exception {
        JmxCredentials.load(home, none());
        Files.setPosixFilePermissions(JmxCredentials.file(home), PosixFilePermissions.fromString("rw-r--r--"));

        ConfigException refused = assertThrows(ConfigException.class, () -> JmxCredentials.load(home, none()));
        assertTrue(refused.getMessage().contains("must be readable by its owner only (is rw-r--r--); run chmod 600"),
                refused.getMessage());
    }

    @Test
    void onLoopbackAClientWithoutCredentialsOrWithAWrongPasswordIsRefused() throws Exception {
        JMXServiceURL url = start("127.0.0.1");

        assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url).close());
        assertThrows(SecurityException.class, () -> connect(url, JmxCredentials.CONTROL_ROLE, "not-the-password").close());
        assertThrows(SecurityException.class, () -> connect(url, "nobody", password(JmxCredentials.CONTROL_ROLE)).close());
    }

    @Test
    void theMonitorRoleReadsButCannotInvokeAndTheControlRoleInvokes() throws Exception {
        JMXServiceURL url = start("127.0.0.1");

        try (JMXConnector monitor = connect(url, JmxCredentials.MONITOR_ROLE, password(JmxCredentials.MONITOR_ROLE))) {
            MBeanServerConnection server = monitor.getMBeanServerConnection();
            assertEquals(System.getProperty("java.vm.name"), server.getAttribute(RUNTIME, "VmName"));
            assertThrows(SecurityException.class, () -> server.invoke(MEMORY, "gc", null, null));
        }
        try (JMXConnector control = connect(url, JmxCredentials.CONTROL_ROLE, password(JmxCredentials.CONTROL_ROLE))) {
            control.getMBeanServerConnection().invoke(MEMORY, "gc", null, null);
        }
    }

    /** rt-01: the MLet that would load a jar from a URL cannot be created, by any user. */
    @Test
    void noUserCanCreateAnMLetToLoadCode() throws Exception {
        JMXServiceURL url = start("127.0.0.1");

        for (String user : List.of(JmxCredentials.MONITOR_ROLE, JmxCredentials.CONTROL_ROLE)) {
            try (JMXConnector client = connect(url, user, password(user))) {
                MBeanServerConnection server = client.getMBeanServerConnection();
                assertThrows(SecurityException.class, () -> server.createMBean("javax.management.loading.MLet",
                        new ObjectName("rt01:type=MLet")), user);
                assertFalse(server.isRegistered(new ObjectName("rt01:type=MLet")), user);
            }
        }
    }

    @Test
    void aConfiguredUserMustBeListedInTheAccessFileAndThenLogsIn() throws Exception {
        JmxCredentials.load(home, none());
        JmxSettings operator = new JmxSettings(Optional.of("operator"), Optional.of("s3cret-from-env"));

        ConfigException refused = assertThrows(ConfigException.class, () -> JmxCredentials.load(home, operator));
        assertTrue(refused.getMessage().contains("add 'operator readwrite'"), refused.getMessage());

        Files.writeString(JmxCredentials.accessFile(home), "operator readonly\n", java.nio.file.StandardOpenOption.APPEND);
        JMXServiceURL url = start("127.0.0.1", JmxCredentials.load(home, operator));
        try (JMXConnector client = connect(url, "operator", "s3cret-from-env")) {
            assertEquals(System.getProperty("java.vm.name"), client.getMBeanServerConnection().getAttribute(RUNTIME, "VmName"));
        }
    }

    /**
     * Off loopback the RMI server speaks TLS with the instance's key: a client that does not trust the
     * certificate fails the handshake, so credentials never travel in clear; JConsole's way in (a JVM with
     * the certificate in its trust store) logs in.
     */
    @Test
    void offLoopbackTheConnectorSpeaksTlsWithTheInstancesCertificate() throws Exception {
        String address = nonLoopbackAddress();
        JMXServiceURL url = start(address);

        IOException untrusted = assertThrows(IOException.class,
                () -> connect(url, JmxCredentials.CONTROL_ROLE, password(JmxCredentials.CONTROL_ROLE)).close());
        assertTrue(causes(untrusted).contains("SSLHandshakeException") || causes(untrusted).contains("SSLException"),
                causes(untrusted));

        ServerIdentity identity = KeyStores.load(Optional.empty(), home, address);
        Path trustStore = home.resolve("trust.p12");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("berth", identity.keyStore().getCertificate(identity.alias()));
        try (var out = Files.newOutputStream(trustStore)) {
            trusted.store(out, "changeit".toCharArray());
        }
        Process client = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-cp", System.getProperty("java.class.path"), JmxClientMain.class.getName(),
                url.toString(), JmxCredentials.CONTROL_ROLE, password(JmxCredentials.CONTROL_ROLE))
                .redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, client.exitValue(), output);
        assertTrue(output.contains("VmName=" + System.getProperty("java.vm.name")), output);
    }

    private JMXServiceURL start(String host) throws Exception {
        return start(host, JmxCredentials.load(home, none()));
    }

    private JMXServiceURL start(String host, JmxCredentials credentials) throws Exception {
        ServerIdentity identity = KeyStores.load(Optional.empty(), home, host);
        endpoint = new JmxEndpoint(credentials, identity::sslContext, () -> {
            throw new IllegalStateException("no instance record in this test");
        });
        int registryPort = FreePorts.onHost(host);
        int serverPort = FreePorts.onHost(host);
        context = TestPreflight.of(host, Map.of(JmxEndpoint.REGISTRY, registryPort, JmxEndpoint.SERVER, serverPort), home);
        endpoint.start(context);
        return new JMXServiceURL(JmxEndpoint.serviceUrl(new HostPort(host, registryPort), new HostPort(host, serverPort)));
    }

    /** A port the kernel just handed out on {@code host}: free now, for the preflight to take. */
    private static JMXConnector connect(JMXServiceURL url, String user, String password) throws IOException {
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    private String password(String user) throws IOException {
        return Files.readAllLines(JmxCredentials.file(home)).stream().filter(line -> line.startsWith(user + " "))
                .map(line -> line.substring(user.length() + 1)).findFirst().orElseThrow();
    }

    private static List<String> users(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split(" ")[0]).toList();
    }

    private static JmxSettings none() {
        return new JmxSettings(Optional.empty(), Optional.empty());
    }

    private static String nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        assumeTrue(false, "this host has no non-loopback IPv4 address");
        return null;
    }

    private static String causes(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" <- ");
        }
        return chain.toString();
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
