package io.berth.server.thrift.xacml;

import java.util.List;
import java.util.Objects;

/**
 * One individual decision request: the values it gave for the three attributes Berth decides on
 * (each may be empty), and what its result must carry back.
 *
 * @param echoed     attributes marked {@code IncludeInResult="true"} (3.0), returned in the Result
 * @param resourceId the {@code ResourceId} of a 2.0 Result, set when one request named several resources
 */
public record RequestAttributes(List<String> subjectIds, List<String> resourceIds, List<String> actionIds,
                                List<EchoedAttributes> echoed, String resourceId) {
    public RequestAttributes {
        subjectIds = List.copyOf(subjectIds);
        resourceIds = List.copyOf(resourceIds);
        actionIds = List.copyOf(actionIds);
        echoed = List.copyOf(echoed);
    }

    public RequestAttributes(List<String> subjectIds, List<String> resourceIds, List<String> actionIds) {
        this(subjectIds, resourceIds, actionIds, List.of(), null);
    }

    /** The attributes of one category that a 3.0 Result repeats, as XACML 3.0's {@code IncludeInResult} asks. */
    public record EchoedAttributes(String category, List<EchoedAttribute> attributes) {
        public EchoedAttributes {
            Objects.requireNonNull(category, "category");
            attributes = List.copyOf(attributes);
        }
    }

    /** One attribute with its values; {@code issuer} may be null. */
    public record EchoedAttribute(String attributeId, String issuer, String dataType, List<String> values) {
        public EchoedAttribute {
            Objects.requireNonNull(attributeId, "attributeId");
            values = List.copyOf(values);
        }
    }
}
