package io.berth.server.thrift.xacml;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers XACML requests from the policy set. As WSO2's PDP (Balana) does, a request it cannot
 * read is answered, not thrown: Indeterminate with status {@code syntax-error} and a message naming
 * what was wrong, so a PEP gets a Response document for every call it makes with a valid session.
 */
public final class DecisionService {
    private final XacmlRequestParser parser;
    private final PolicySet policies;

    public DecisionService(XacmlRequestParser parser, PolicySet policies) {
        this.parser = parser;
        this.policies = policies;
    }

    /** A Response document for a Request document (3.0 or 2.0), with one Result per individual request. */
    public XacmlResponse decide(String request) {
        XacmlRequest parsed;
        try {
            parsed = parser.parse(request);
        } catch (InvalidRequestException e) {
            return XacmlResponse.of(XacmlVersion.V3_0,
                    XacmlResult.indeterminate(Xacml.STATUS_SYNTAX_ERROR, e.getMessage()));
        }
        List<XacmlResult> results = new ArrayList<>();
        for (RequestAttributes individual : parsed.individuals()) {
            results.add(decide(individual).answering(individual));
        }
        return new XacmlResponse(parsed.version(), results);
    }

    /**
     * WSO2's {@code getDecisionByAttributes}: one subject-id, resource-id and action-id as strings
     * (null or empty counts as missing), answered as a XACML 3.0 Response. Environment values do
     * not take part in Berth's rules.
     */
    public XacmlResponse decide(String subject, String resource, String action) {
        RequestAttributes individual = new RequestAttributes(listOf(subject), listOf(resource), listOf(action));
        return XacmlResponse.of(XacmlVersion.V3_0, decide(individual));
    }

    private XacmlResult decide(RequestAttributes attributes) {
        List<String> missing = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        check(attributes.subjectIds(), Xacml.SUBJECT_ID, missing, ambiguous);
        check(attributes.resourceIds(), Xacml.RESOURCE_ID, missing, ambiguous);
        check(attributes.actionIds(), Xacml.ACTION_ID, missing, ambiguous);
        if (!missing.isEmpty()) {
            return XacmlResult.indeterminate(Xacml.STATUS_MISSING_ATTRIBUTE,
                    "Missing attribute(s): " + String.join(", ", missing));
        }
        if (!ambiguous.isEmpty()) {
            // Multi-valued ids would need a combining rule the policy format does not have.
            return XacmlResult.indeterminate(Xacml.STATUS_SYNTAX_ERROR,
                    "Exactly one value expected for attribute(s): " + String.join(", ", ambiguous));
        }
        return XacmlResult.of(policies.decide(
                attributes.subjectIds().get(0), attributes.resourceIds().get(0), attributes.actionIds().get(0)));
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value.trim());
    }

    private static void check(List<String> values, String id, List<String> missing, List<String> ambiguous) {
        if (values.isEmpty() || values.get(0).isEmpty()) {
            missing.add(id);
        } else if (values.size() > 1) {
            ambiguous.add(id);
        }
    }
}
