package io.berth.ports;

/** Two enabled ports of one instance that would listen on the same number with the same protocol. */
public class PortCollisionException extends PortSettingsException {

    public PortCollisionException(PlannedPort first, PlannedPort second) {
        super("Ports " + first.id() + " (" + TomlKey.display(first.definition().configKey()) + ") and " + second.id()
                + " (" + TomlKey.display(second.definition().configKey()) + ") would both listen on " + first.effective()
                + "; give one of them another port");
    }
}
