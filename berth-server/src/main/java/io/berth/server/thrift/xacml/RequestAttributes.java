package io.berth.server.thrift.xacml;

import java.util.List;

/** The values a XACML request gave for the three attributes Berth decides on (each may be empty). */
public record RequestAttributes(List<String> subjectIds, List<String> resourceIds, List<String> actionIds) {
    public RequestAttributes {
        subjectIds = List.copyOf(subjectIds);
        resourceIds = List.copyOf(resourceIds);
        actionIds = List.copyOf(actionIds);
    }
}
