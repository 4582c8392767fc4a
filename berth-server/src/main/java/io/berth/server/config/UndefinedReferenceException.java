package io.berth.server.config;

/**
 * A {@code $env{NAME}} or {@code $sys{NAME}} reference to a variable that is not defined. Unlike the other
 * configuration errors it depends on the process that reads the file, not on the file: the server's
 * environment holds a KDC principal's password that an operator's shell running {@code berth ports} does
 * not. So the loader keeps it with its key ({@link DeploymentConfig}), and it is thrown only to a reader
 * of that key: a command that needs the value stops, one that does not goes on.
 */
public class UndefinedReferenceException extends ConfigException {

    public UndefinedReferenceException(String message) {
        super(message);
    }
}
