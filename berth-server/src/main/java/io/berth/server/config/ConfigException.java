package io.berth.server.config;

/**
 * A deployment.toml that cannot be used: malformed, a wrong type, an undefined reference, an
 * unreadable file. The message is one line naming the file, the key or position, and the problem.
 */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
