package io.berth.server.thrift;

import io.berth.server.thrift.auth.PasswordHash;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the Thrift entitlement endpoint. Paths are relative to the server home.
 *
 * @param policyFile          the TOML policy file, created with a commented template if missing
 * @param usersFile           {@code name=pbkdf2-sha256:...} lines, created (mode 0600) on first start
 * @param adminPasswordFile   where the generated admin password is written once (mode 0600)
 * @param sessionIdleTimeout  a session unused for this long is forgotten
 * @param maxSessions         cap on live sessions, so repeated logins cannot exhaust memory
 * @param clientTimeout       socket read timeout (TLS handshake included): an idle or stalled
 *                            client loses its connection and its worker thread is freed
 * @param minWorkerThreads    worker threads kept alive; each open connection occupies one
 * @param maxWorkerThreads    connections beyond this many are closed at once
 * @param maxMessageBytes     largest Thrift message read; a bigger one drops the connection
 * @param maxRequestBytes     largest XACML request evaluated; a bigger one gets an
 *                            EntitlementException (must be well below maxMessageBytes)
 * @param passwordIterations  PBKDF2 iterations for newly created password hashes
 * @param stopTimeout         how long stop() waits for the acceptor thread to finish
 */
public record ThriftEntitlementSettings(
        String policyFile,
        String usersFile,
        String adminPasswordFile,
        Duration sessionIdleTimeout,
        int maxSessions,
        Duration clientTimeout,
        int minWorkerThreads,
        int maxWorkerThreads,
        int maxMessageBytes,
        int maxRequestBytes,
        int passwordIterations,
        Duration stopTimeout) {

    /** Room for the Thrift envelope and session id around a maximal request. */
    private static final int ENVELOPE_BYTES = 4096;

    public ThriftEntitlementSettings {
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(adminPasswordFile, "adminPasswordFile");
        requirePositive(sessionIdleTimeout, "sessionIdleTimeout");
        requirePositive(clientTimeout, "clientTimeout");
        requirePositive(stopTimeout, "stopTimeout");
        if (clientTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("clientTimeout is too long: " + clientTimeout);
        }
        if (maxSessions < 1 || minWorkerThreads < 1 || maxWorkerThreads < minWorkerThreads) {
            throw new IllegalArgumentException("need maxSessions >= 1 and 1 <= minWorkerThreads <= maxWorkerThreads, got "
                    + maxSessions + ", " + minWorkerThreads + ", " + maxWorkerThreads);
        }
        if (maxRequestBytes < 1 || (long) maxMessageBytes < (long) maxRequestBytes + ENVELOPE_BYTES) {
            throw new IllegalArgumentException("need 1 <= maxRequestBytes and maxMessageBytes >= maxRequestBytes + "
                    + ENVELOPE_BYTES + ", got " + maxRequestBytes + " and " + maxMessageBytes);
        }
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("passwordIterations must be positive, got " + passwordIterations);
        }
    }

    public static ThriftEntitlementSettings defaults() {
        return new ThriftEntitlementSettings(
                "conf/entitlement-policies.toml",
                "repository/security/entitlement-users.properties",
                "repository/security/entitlement-admin.password",
                Duration.ofMinutes(20),
                10_000,
                Duration.ofSeconds(30),
                2,
                32,
                1024 * 1024,
                64 * 1024,
                PasswordHash.DEFAULT_ITERATIONS,
                Duration.ofSeconds(5));
    }

    public ThriftEntitlementSettings withSessionIdleTimeout(Duration timeout) {
        return new ThriftEntitlementSettings(policyFile, usersFile, adminPasswordFile, timeout, maxSessions,
                clientTimeout, minWorkerThreads, maxWorkerThreads, maxMessageBytes, maxRequestBytes,
                passwordIterations, stopTimeout);
    }

    public ThriftEntitlementSettings withClientTimeout(Duration timeout) {
        return new ThriftEntitlementSettings(policyFile, usersFile, adminPasswordFile, sessionIdleTimeout,
                maxSessions, timeout, minWorkerThreads, maxWorkerThreads, maxMessageBytes, maxRequestBytes,
                passwordIterations, stopTimeout);
    }

    public ThriftEntitlementSettings withPasswordIterations(int iterations) {
        return new ThriftEntitlementSettings(policyFile, usersFile, adminPasswordFile, sessionIdleTimeout,
                maxSessions, clientTimeout, minWorkerThreads, maxWorkerThreads, maxMessageBytes, maxRequestBytes,
                iterations, stopTimeout);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
