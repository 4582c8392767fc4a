package io.berth.server.thrift.xacml;

import java.util.ArrayList;
import java.util.List;

/** Turns a XACML 3.0 Request document into a Response document using the policy set. */
public final class DecisionService {
    private final XacmlRequestParser parser;
    private final PolicySet policies;

    public DecisionService(XacmlRequestParser parser, PolicySet policies) {
        this.parser = parser;
        this.policies = policies;
    }

    /**
     * @throws InvalidRequestException when the document is not one the endpoint will evaluate;
     *     a well-formed request that lacks attributes is answered Indeterminate instead
     */
    public XacmlResponse decide(String request) throws InvalidRequestException {
        RequestAttributes attributes = parser.parse(request);
        List<String> missing = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        check(attributes.subjectIds(), Xacml.SUBJECT_ID, missing, ambiguous);
        check(attributes.resourceIds(), Xacml.RESOURCE_ID, missing, ambiguous);
        check(attributes.actionIds(), Xacml.ACTION_ID, missing, ambiguous);
        if (!missing.isEmpty()) {
            return XacmlResponse.indeterminate(Xacml.STATUS_MISSING_ATTRIBUTE,
                    "Missing attribute(s): " + String.join(", ", missing));
        }
        if (!ambiguous.isEmpty()) {
            // Multi-valued ids would need a combining rule the policy format does not have.
            return XacmlResponse.indeterminate(Xacml.STATUS_SYNTAX_ERROR,
                    "Exactly one value expected for attribute(s): " + String.join(", ", ambiguous));
        }
        return XacmlResponse.of(policies.decide(
                attributes.subjectIds().get(0), attributes.resourceIds().get(0), attributes.actionIds().get(0)));
    }

    private static void check(List<String> values, String id, List<String> missing, List<String> ambiguous) {
        if (values.isEmpty() || values.get(0).isEmpty()) {
            missing.add(id);
        } else if (values.size() > 1) {
            ambiguous.add(id);
        }
    }
}
