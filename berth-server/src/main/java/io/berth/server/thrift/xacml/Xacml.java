package io.berth.server.thrift.xacml;

/** XACML identifiers used by the request parser and the response writer (XACML 3.0 core, 2.0 and 1.0 contexts). */
public final class Xacml {
    /** The XACML 3.0 core namespace: requests and responses of version 3.0. */
    public static final String NAMESPACE = "urn:oasis:names:tc:xacml:3.0:core:schema:wd-17";
    /** The XACML 2.0 context namespace. */
    public static final String CONTEXT_2_0 = "urn:oasis:names:tc:xacml:2.0:context:schema:os";
    /** The XACML 1.0 context namespace; Balana (WSO2's PDP) reads such a request as 2.0. */
    public static final String CONTEXT_1_0 = "urn:oasis:names:tc:xacml:1.0:context:schema:os";

    public static final String CATEGORY_SUBJECT = "urn:oasis:names:tc:xacml:1.0:subject-category:access-subject";
    public static final String CATEGORY_RESOURCE = "urn:oasis:names:tc:xacml:3.0:attribute-category:resource";
    public static final String CATEGORY_ACTION = "urn:oasis:names:tc:xacml:3.0:attribute-category:action";
    public static final String CATEGORY_ENVIRONMENT = "urn:oasis:names:tc:xacml:3.0:attribute-category:environment";

    public static final String SUBJECT_ID = "urn:oasis:names:tc:xacml:1.0:subject:subject-id";
    public static final String RESOURCE_ID = "urn:oasis:names:tc:xacml:1.0:resource:resource-id";
    public static final String ACTION_ID = "urn:oasis:names:tc:xacml:1.0:action:action-id";
    public static final String ENVIRONMENT_ID = "urn:oasis:names:tc:xacml:1.0:environment:environment-id";

    public static final String STRING = "http://www.w3.org/2001/XMLSchema#string";

    public static final String STATUS_OK = "urn:oasis:names:tc:xacml:1.0:status:ok";
    public static final String STATUS_MISSING_ATTRIBUTE = "urn:oasis:names:tc:xacml:1.0:status:missing-attribute";
    public static final String STATUS_SYNTAX_ERROR = "urn:oasis:names:tc:xacml:1.0:status:syntax-error";

    private Xacml() {
    }
}
