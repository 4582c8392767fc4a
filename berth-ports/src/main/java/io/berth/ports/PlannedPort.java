package io.berth.ports;

/**
 * One port of an instance at a given offset.
 *
 * @param definition the catalogue entry
 * @param configured the port at offset 0: the catalogue default unless configuration overrides it
 * @param effective  the port the instance listens on
 * @param enabled    whether the instance opens it (its feature is on)
 */
public record PlannedPort(PortDefinition definition, int configured, int effective, boolean enabled) {

    /**
     * The one place an effective port is computed. A fixed port keeps its configured value whatever
     * the offset; any other port moves by the offset. The result may lie outside 1..65535:
     * {@link PortLayout#at} rejects that for enabled ports, and disabled ones are only shown.
     */
    static PlannedPort of(PortDefinition definition, int configured, int offset, boolean enabled) {
        int effective = definition.offsetApplied() ? configured + offset : configured;
        return new PlannedPort(definition, configured, effective, enabled);
    }

    public String id() {
        return definition.id();
    }

    /** Whether the configuration moved this port away from the catalogue default. */
    public boolean overridden() {
        return configured != definition.defaultPort();
    }
}
