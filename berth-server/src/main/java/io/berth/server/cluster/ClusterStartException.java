package io.berth.server.cluster;

/** The cluster member could not be started; the message names the address and the cause. */
public final class ClusterStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
