package io.berth.server.jmx;

import java.util.Map;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX client in a JVM of its own, as JConsole runs: {@code <url> <user> <password>}; prints the server's
 * VM name. Run with {@code -Djavax.net.ssl.trustStore} to reach a connector that speaks TLS.
 */
public final class JmxClientMain {

    public static void main(String[] args) throws Exception {
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(args[0]),
                Map.of(JMXConnector.CREDENTIALS, new String[] {args[1], args[2]}))) {
            System.out.println("VmName=" + connector.getMBeanServerConnection()
                    .getAttribute(new ObjectName("java.lang:type=Runtime"), "VmName"));
        }
    }
}
