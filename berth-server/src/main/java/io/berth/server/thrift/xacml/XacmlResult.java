package io.berth.server.thrift.xacml;

import java.util.List;
import java.util.Objects;

/**
 * One Result of a Response.
 *
 * @param statusMessage null when the status needs no explanation
 * @param echoed        3.0: the request's {@code IncludeInResult} attributes
 * @param resourceId    2.0: the resource this result is for, or null
 */
public record XacmlResult(Decision decision, String statusCode, String statusMessage,
                          List<RequestAttributes.EchoedAttributes> echoed, String resourceId) {
    public XacmlResult {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(statusCode, "statusCode");
        echoed = List.copyOf(echoed);
    }

    public static XacmlResult of(Decision decision) {
        return new XacmlResult(decision, Xacml.STATUS_OK, null, List.of(), null);
    }

    public static XacmlResult indeterminate(String statusCode, String statusMessage) {
        return new XacmlResult(Decision.INDETERMINATE, statusCode, statusMessage, List.of(), null);
    }

    XacmlResult answering(RequestAttributes request) {
        return new XacmlResult(decision, statusCode, statusMessage, request.echoed(), request.resourceId());
    }
}
