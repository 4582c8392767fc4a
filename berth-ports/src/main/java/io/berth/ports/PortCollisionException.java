package io.berth.ports;

import io.berth.ports.internal.TomlKey;
/**
 * Two enabled ports of one instance that would listen on the same number with the same protocol.
 * The message names both keys and which of them was set, so the fix is plain; for the JMX pair it
 * also says how WSO2 numbers them, the usual cause.
 */
public class PortCollisionException extends PortSettingsException {

    /** Two ports of a plan on one number: {@code first.effective()}. */
    public PortCollisionException(PlannedPort first, PlannedPort second) {
        this(first, second, "");
    }

    private PortCollisionException(PlannedPort first, PlannedPort second, String when) {
        super("Ports " + first.id() + " (" + origin(first) + ") and " + second.id() + " (" + origin(second)
                + ") would both listen on " + first.effective() + when + jmxHint(first, second)
                + "; give one of them another port");
    }

    /**
     * Two ports that the offset moves alike from one base, so that they meet at every offset: the fault is in the
     * configuration, whatever offset the command was given. The number named is the one at offset 0.
     */
    public static PortCollisionException atEveryOffset(PlannedPort atZeroFirst, PlannedPort atZeroSecond) {
        return new PortCollisionException(atZeroFirst, atZeroSecond, " at offset 0, and on one port at every offset");
    }

    private static String origin(PlannedPort port) {
        String key = port.definition().configKey().isEmpty() ? "no key" : TomlKey.display(port.definition().configKey());
        return key + (port.overridden() ? " set to " + port.configured() : " at its default " + port.configured());
    }

    private static String jmxHint(PlannedPort first, PlannedPort second) {
        boolean jmxPair = (first.id() + second.id()).contains(PortId.JMX_RMI_REGISTRY)
                && (first.id() + second.id()).contains(PortId.JMX_RMI_SERVER);
        if (!jmxPair) {
            return "";
        }
        PortDefinition registry = first.id().equals(PortId.JMX_RMI_REGISTRY) ? first.definition() : second.definition();
        PortDefinition server = first.id().equals(PortId.JMX_RMI_SERVER) ? first.definition() : second.definition();
        return ". Berth numbers the JMX ports as the seed pages do (registry " + registry.defaultPort() + ", server "
                + server.defaultPort() + "); WSO2's code numbers them the other way round (registry 9999, server 11111),"
                + " so a WSO2 file that sets only one of them collides. Set both: " + TomlKey.display(registry.configKey())
                + " = 9999 and " + TomlKey.display(server.configKey()) + " = 11111";
    }
}
