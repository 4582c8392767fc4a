package io.berth.dist;

import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX client as JConsole is one: connects with a service URL as printed, optionally with credentials, and
 * reads {@code berth:type=Ports}. Its own process, so a test can run it on another "host" (a network namespace).
 *
 * <p>Arguments: service-url [user password]. Prints {@code offset=N}; exits 1 with the error otherwise.
 */
public final class JmxClient {

    /** The password of {@code user} (monitorRole or controlRole) in the home's generated JMX password file. */
    static String password(TestHome home, String user) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(home.path().resolve("repository/security/jmxremote.password")).stream()
                .filter(line -> line.startsWith(user + " ")).map(line -> line.substring(user.length() + 1).strip())
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + user + " in " + home.path()));
    }

    /** The connector environment that logs in as the home's control user, as an operator does. */
    static Map<String, Object> environment(TestHome home) throws java.io.IOException {
        return Map.of(JMXConnector.CREDENTIALS, new String[] {"controlRole", password(home, "controlRole")});
    }

    /** Reads the instance's offset through the Ports MBean at {@code url}. */
    static int offset(String url, String user, String password) throws Exception {
        Map<String, Object> environment = user == null ? Map.of()
                : Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url), environment)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            return ((Number) server.getAttribute(new ObjectName("berth:type=Ports"), "Offset")).intValue();
        }
    }

    public static void main(String[] args) {
        try {
            System.out.println("offset=" + offset(args[0], args.length > 2 ? args[1] : null, args.length > 2 ? args[2] : null));
        } catch (Exception e) {
            System.out.println("failed: " + e);
            System.exit(1);
        }
    }
}
