package io.berth.server.host;

/**
 * The host registry cannot be used as it is: its directory is not this user's own private one, is a
 * symbolic link, cannot be created or read, or its lock has been held with no progress for too long. The
 * message names the directory and what to do.
 */
public class HostRegistryException extends RuntimeException {

    public HostRegistryException(String message) {
        super(message);
    }

    public HostRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
