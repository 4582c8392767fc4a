package io.berth.server.thrift;

import io.berth.server.thrift.auth.PasswordHash;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the Thrift entitlement service and its login. Paths are relative to the server home.
 * Every duration is positive; every count at least 1.
 *
 * @param policyFile          the TOML policy file, created with a commented template if missing
 * @param usersFile           {@code name=pbkdf2-sha256:...} lines, created (mode 0600) on first start
 * @param adminPasswordFile   where the generated admin password is written once (mode 0600)
 * @param sessionIdleTimeout  a session unused for this long is forgotten (WSO2's ThriftSessionTimeout, 30 min)
 * @param maxSessions         cap on live sessions, so repeated logins cannot exhaust memory
 * @param clientTimeout       how long a connection may sit idle between requests (WSO2's ClientTimeout)
 * @param handshakeTimeout    deadline for the whole TLS handshake, counted from the accept
 * @param requestTimeout      deadline for a whole request, from its first byte to the end of the answer
 * @param maxConnections      open connections at most; one more evicts the least recently active idle one
 * @param maxMessageBytes     largest Thrift message read; a bigger one drops the connection
 * @param maxRequestBytes     largest XACML request evaluated (must be well below maxMessageBytes)
 * @param passwordIterations  PBKDF2 iterations for newly created password hashes
 * @param maxFailedLogins     failed logins in a row from one address before it is locked out
 * @param loginLockout        how long a locked-out address is refused after its last failure
 * @param maxConcurrentLogins password checks that may run at once
 * @param stopTimeout         how long stop() waits for the acceptor thread to finish
 */
public record ThriftEntitlementSettings(
        String policyFile,
        String usersFile,
        String adminPasswordFile,
        Duration sessionIdleTimeout,
        int maxSessions,
        Duration clientTimeout,
        Duration handshakeTimeout,
        Duration requestTimeout,
        int maxConnections,
        int maxMessageBytes,
        int maxRequestBytes,
        int passwordIterations,
        int maxFailedLogins,
        Duration loginLockout,
        int maxConcurrentLogins,
        Duration stopTimeout) {

    /** Room for the Thrift envelope and session id around a maximal request. */
    private static final int ENVELOPE_BYTES = 4096;

    public ThriftEntitlementSettings {
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(adminPasswordFile, "adminPasswordFile");
        requirePositive(sessionIdleTimeout, "sessionIdleTimeout");
        requirePositive(clientTimeout, "clientTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(loginLockout, "loginLockout");
        requirePositive(stopTimeout, "stopTimeout");
        if (clientTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("clientTimeout is too long: " + clientTimeout);
        }
        requireAtLeastOne(maxSessions, "maxSessions");
        requireAtLeastOne(maxConnections, "maxConnections");
        requireAtLeastOne(passwordIterations, "passwordIterations");
        requireAtLeastOne(maxFailedLogins, "maxFailedLogins");
        requireAtLeastOne(maxConcurrentLogins, "maxConcurrentLogins");
        if (maxRequestBytes < 1 || (long) maxMessageBytes < (long) maxRequestBytes + ENVELOPE_BYTES) {
            throw new IllegalArgumentException("need 1 <= maxRequestBytes and maxMessageBytes >= maxRequestBytes + "
                    + ENVELOPE_BYTES + ", got " + maxRequestBytes + " and " + maxMessageBytes);
        }
    }

    /** WSO2's defaults where WSO2 has one (session 30 min, client timeout 30 s); safe bounds elsewhere. */
    public static ThriftEntitlementSettings defaults() {
        return new ThriftEntitlementSettings(
                "conf/entitlement-policies.toml",
                "repository/security/entitlement-users.properties",
                "repository/security/entitlement-admin.password",
                Duration.ofMinutes(30),
                10_000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                100,
                1024 * 1024,
                64 * 1024,
                PasswordHash.DEFAULT_ITERATIONS,
                5,
                Duration.ofSeconds(60),
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                Duration.ofSeconds(5));
    }

    public ThriftEntitlementSettings withSessionIdleTimeout(Duration timeout) {
        return new ThriftEntitlementSettings(policyFile, usersFile, adminPasswordFile, timeout, maxSessions,
                clientTimeout, handshakeTimeout, requestTimeout, maxConnections, maxMessageBytes, maxRequestBytes,
                passwordIterations, maxFailedLogins, loginLockout, maxConcurrentLogins, stopTimeout);
    }

    /** The three connection deadlines at once: idle between requests, handshake, whole request. */
    public ThriftEntitlementSettings withConnectionTimeouts(Duration client, Duration handshake, Duration request) {
        return new ThriftEntitlementSettings(policyFile, usersFile, adminPasswordFile, sessionIdleTimeout, maxSessions,
                client, handshake, request, maxConnections, maxMessageBytes, maxRequestBytes,
                passwordIterations, maxFailedLogins, loginLockout, maxConcurrentLogins, stopTimeout);
    }

    public ThriftEntitlementSettings withMaxConnections(int connections) {
        return new ThriftEntitlementSettings(policyFile, usersFile, adminPasswordFile, sessionIdleTimeout, maxSessions,
                clientTimeout, handshakeTimeout, requestTimeout, connections, maxMessageBytes, maxRequestBytes,
                passwordIterations, maxFailedLogins, loginLockout, maxConcurrentLogins, stopTimeout);
    }

    public ThriftEntitlementSettings withPasswordIterations(int iterations) {
        return new ThriftEntitlementSettings(policyFile, usersFile, adminPasswordFile, sessionIdleTimeout, maxSessions,
                clientTimeout, handshakeTimeout, requestTimeout, maxConnections, maxMessageBytes, maxRequestBytes,
                iterations, maxFailedLogins, loginLockout, maxConcurrentLogins, stopTimeout);
    }

    public ThriftEntitlementSettings withLoginLimits(int failures, Duration lockout, int concurrent) {
        return new ThriftEntitlementSettings(policyFile, usersFile, adminPasswordFile, sessionIdleTimeout, maxSessions,
                clientTimeout, handshakeTimeout, requestTimeout, maxConnections, maxMessageBytes, maxRequestBytes,
                passwordIterations, failures, lockout, concurrent, stopTimeout);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
