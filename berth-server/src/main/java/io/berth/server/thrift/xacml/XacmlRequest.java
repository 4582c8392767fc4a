package io.berth.server.thrift.xacml;

import java.util.List;
import java.util.Objects;

/** A parsed Request: its version and its individual requests (more than one under the multiple decision profile). */
public record XacmlRequest(XacmlVersion version, List<RequestAttributes> individuals) {
    public XacmlRequest {
        Objects.requireNonNull(version, "version");
        individuals = List.copyOf(individuals);
        if (individuals.isEmpty()) {
            throw new IllegalArgumentException("a request has at least one individual request");
        }
    }
}
