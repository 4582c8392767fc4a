/*
 * Berth's entitlement decision service, wire-compatible with WSO2 Identity Server's Thrift
 * entitlement service (the port ThriftEntitlementReceivePort, 10500 + offset): the same method
 * names, argument and exception field ids and types, so a client generated from WSO2's own IDL
 * (the PEP proxy's EntitlementThriftClient) talks to Berth unchanged.
 *
 * Transport: TLS socket, TBinaryProtocol, NOT multiplexed: only this service is on the port.
 * Sessions come from AuthenticatorService (authenticator.thrift), served over HTTPS at
 * /thriftAuthenticator on the servlet transport.
 *
 * The Java code generated from this file is kept in the tree under
 * src/main/java/io/berth/server/thrift/generated; README.md has the compiler and the command.
 */
namespace java io.berth.server.thrift.generated

/** Every refused call (unknown or expired session, rejected request) is answered with this. */
exception EntitlementException {
    1: required string message
}

service EntitlementService {
    /**
     * Takes a XACML 3.0 or 2.0 Request document, returns the Response document in the request's
     * version (one Result per individual decision of a multiple-decision request).
     */
    string getDecision(1: required string request, 2: required string sessionId)
        throws (1: EntitlementException ee)

    /**
     * Decides for one subject-id, resource-id and action-id (string values); environment holds
     * environment-id values. Returns a XACML 3.0 Response document.
     */
    string getDecisionByAttributes(1: required string subject, 2: required string resource,
                                   3: required string action, 4: required list<string> environment,
                                   5: required string sessionId)
        throws (1: EntitlementException ee)
}
