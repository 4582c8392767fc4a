package io.berth.ports;

/**
 * Ports or an offset that cannot work: bad input the user must fix. The message is one line that
 * names the input and what is wrong with it, ready to print as it is.
 */
public class PortSettingsException extends RuntimeException {

    public PortSettingsException(String message) {
        super(message);
    }
}
