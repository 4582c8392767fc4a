package io.berth.server.thrift.xacml;

/**
 * The version of a request, which is the version its response is written in. As Balana (WSO2's PDP)
 * reads them: the 3.0 namespace, or no namespace at all, is 3.0 (WSO2's PEP proxy sends its requests
 * without one); the 2.0 and 1.0 context namespaces are 2.0.
 */
public enum XacmlVersion {
    V3_0,
    V2_0;

    /** @return the version of a Request root in {@code namespace} (null: none), or null for a foreign one */
    static XacmlVersion ofNamespace(String namespace) {
        if (namespace == null || Xacml.NAMESPACE.equals(namespace)) {
            return V3_0;
        }
        if (Xacml.CONTEXT_2_0.equals(namespace) || Xacml.CONTEXT_1_0.equals(namespace)) {
            return V2_0;
        }
        return null;
    }
}
