/*
 * The Thrift interface as WSO2's own entitlement PEP proxy client knows it (its generated
 * EntitlementThriftClient and AuthenticatorService, in WSO2's Java packages), written out here
 * from WSO2's published interface: method names, field ids, types and requiredness as WSO2 has
 * them. The process tests drive Berth with the Java generated from it, so a client that was never
 * built from Berth's IDL proves the wire is WSO2's. Regenerate with:
 *
 *   thrift --gen java:generated_annotations=suppress -out berth-dist/src/test/java berth-dist/src/test/thrift/wso2-entitlement-proxy.thrift
 */
namespace java org.wso2.carbon.identity.entitlement.proxy.generatedCode

exception EntitlementException {
    1: required string message
}

exception AuthenticationException {
    1: required string message
}

/** On the Thrift port (10500 + offset): TLS socket, binary protocol, not multiplexed. */
service EntitlementThriftClient {
    string getDecision(1: required string request, 2: required string sessionId)
        throws (1: EntitlementException ee)
    string getDecisionByAttributes(1: required string subject, 2: required string resource,
                                   3: required string action, 4: required list<string> environment,
                                   5: required string sessionId)
        throws (1: EntitlementException ee)
}

/** At https://<host>:<9443 + offset>/thriftAuthenticator: Thrift over HTTP, compact protocol. */
service AuthenticatorService {
    string authenticate(1: required string userName, 2: required string password)
        throws (1: AuthenticationException ae)
}
