package io.berth.server.lifecycle;

/** An endpoint that had not started when the bound for starting the instance ran out. */
public class EndpointStartTimeoutException extends Exception {

    public EndpointStartTimeoutException(String message) {
        super(message);
    }
}
