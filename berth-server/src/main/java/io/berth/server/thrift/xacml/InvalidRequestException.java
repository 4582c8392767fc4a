package io.berth.server.thrift.xacml;

/** A request the endpoint will not evaluate: too large, not well-formed, hostile, or not a XACML Request. */
public final class InvalidRequestException extends Exception {
    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
