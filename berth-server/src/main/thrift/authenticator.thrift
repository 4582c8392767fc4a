/*
 * Berth's login service for the entitlement service, wire-compatible with WSO2 Identity Server's
 * Thrift authenticator: Thrift over HTTP(S) at /thriftAuthenticator on the servlet transport,
 * TCompactProtocol, not multiplexed. The session id it returns is the sessionId argument of every
 * EntitlementService call (entitlement.thrift).
 */
namespace java io.berth.server.thrift.generated

/** A refused login: wrong credentials, too many failures from the caller's address, or busy. */
exception AuthenticationException {
    1: required string message
}

service AuthenticatorService {
    /** Returns a session id, valid until it goes unused for [entitlement.thrift] session_timeout_seconds. */
    string authenticate(1: required string userName, 2: required string password)
        throws (1: AuthenticationException ae)
}
