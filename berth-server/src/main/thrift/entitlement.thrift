/*
 * Berth's Thrift entitlement interface, shaped after WSO2 Identity Server's
 * entitlement Thrift API (ThriftEntitlementReceivePort). Both services are
 * served on one port through a TMultiplexedProcessor under the names
 * "AuthenticatorService" and "EntitlementService".
 *
 * The Java code generated from this file is committed under
 * src/main/java/io/berth/server/thrift/generated; see NOTES.md for the
 * compiler/libthrift pair and the regenerate command.
 */
namespace java io.berth.server.thrift.generated

/** Every failure (bad credentials, unknown session, rejected request) is answered with this. */
exception EntitlementException {
    1: required string message
}

service AuthenticatorService {
    /** Returns a session id to pass to EntitlementService.getDecision. */
    string authenticate(1: string userName, 2: string password) throws (1: EntitlementException e)
}

service EntitlementService {
    /** Takes a XACML 3.0 Request document, returns a XACML 3.0 Response document. */
    string getDecision(1: string request, 2: string sessionId) throws (1: EntitlementException e)
}
