package io.berth.server.thrift.xacml;

import java.util.Objects;

/** One rule of the policy file: subject and action are exact values or {@value #ANY}. */
public record PolicyRule(String subject, ResourcePattern resource, String action, Decision effect) {
    public static final String ANY = "*";

    public PolicyRule {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        if (effect != Decision.PERMIT && effect != Decision.DENY) {
            throw new IllegalArgumentException("a rule's effect must be Permit or Deny, got " + effect);
        }
    }

    public boolean appliesTo(String subjectId, String resourceId, String actionId) {
        return (ANY.equals(subject) || subject.equals(subjectId))
                && resource.matches(resourceId)
                && (ANY.equals(action) || action.equals(actionId));
    }
}
