package io.berth.server.thrift.xacml;

/** A request the endpoint refuses to evaluate: too large, not well-formed, hostile or not XACML 3.0. */
public final class InvalidRequestException extends Exception {
    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
