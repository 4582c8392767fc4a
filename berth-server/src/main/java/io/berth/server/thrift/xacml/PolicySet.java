package io.berth.server.thrift.xacml;

import java.util.List;

/** Ordered rules, combined first-applicable: the first rule that applies decides. */
public record PolicySet(List<PolicyRule> rules) {
    public PolicySet {
        rules = List.copyOf(rules);
    }

    public Decision decide(String subjectId, String resourceId, String actionId) {
        for (PolicyRule rule : rules) {
            if (rule.appliesTo(subjectId, resourceId, actionId)) {
                return rule.effect();
            }
        }
        return Decision.NOT_APPLICABLE;
    }
}
