package io.berth.server.thrift.xacml;

/** The four XACML decisions, with the spelling the Response document uses. */
public enum Decision {
    PERMIT("Permit"),
    DENY("Deny"),
    NOT_APPLICABLE("NotApplicable"),
    INDETERMINATE("Indeterminate");

    private final String xacmlName;

    Decision(String xacmlName) {
        this.xacmlName = xacmlName;
    }

    public String xacmlName() {
        return xacmlName;
    }
}
