package io.berth.ports;

/**
 * One port of an instance at a given offset. Three numbers, named as WildFly names them: the
 * catalogue default ({@code definition().defaultPort()}), the configured base ({@code port}: before
 * the offset) and the effective port ({@code bound-port}: what the instance listens on).
 *
 * @param definition the catalogue entry
 * @param configured the configured base: the catalogue default unless configuration sets another
 * @param effective  the port the instance listens on
 * @param enabled    whether the instance opens it (its feature is on)
 */
public record PlannedPort(PortDefinition definition, int configured, int effective, boolean enabled) {

    /**
     * A port at {@code offset}, by its {@link OffsetRule}. The result may lie outside 1..65535:
     * {@link PortLayout#at} rejects that for enabled ports, and disabled ones are only shown.
     */
    public static PlannedPort of(PortDefinition definition, int configured, Offset offset, boolean enabled) {
        int effective = definition.rule().effective(configured, offset.value(), offset.stated());
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
