package io.berth.ports;

/**
 * Two enabled ports of one instance that would listen on the same number with the same protocol.
 * The message names both keys and which of them was set, so the fix is plain; for the JMX pair it
 * also says how WSO2 numbers them, the usual cause.
 */
public class PortCollisionException extends PortSettingsException {

    public PortCollisionException(PlannedPort first, PlannedPort second) {
        super("Ports " + first.id() + " (" + origin(first) + ") and " + second.id() + " (" + origin(second)
                + ") would both listen on " + first.effective() + jmxHint(first, second) + "; give one of them another port");
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
