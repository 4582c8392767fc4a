package io.berth.server.thrift.auth;

import io.berth.server.thrift.auth.LoginRefusedException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import io.berth.server.thrift.transport.RateLimitedWarning;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The entitlement service's logins and sessions, as WSO2's ThriftAuthenticatorService keeps them:
 * a user name and password give a session id, which every decision call presents. Every password
 * check costs a full PBKDF2 (hundreds of milliseconds of CPU), so before one runs the caller's
 * address must not be locked out ({@link LoginThrottle}) and one of {@code maxConcurrentChecks}
 * permits must be free within {@code permitWait}; otherwise the login is refused at once.
 */
public final class EntitlementLogin {
    private static final System.Logger LOG = System.getLogger(EntitlementLogin.class.getName());
    private static final int MAX_ECHOED_CHARS = 64;

    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Semaphore checks;
    private final Duration permitWait;
    /** One line a minute at most: failures from many addresses must not flood the log. */
    private final RateLimitedWarning failures = new RateLimitedWarning(LOG, Duration.ofSeconds(60), Clock.systemUTC());
    private volatile UserStore users;

    /**
     * @param maxConcurrentChecks password checks that may run at once, at least 1
     * @param permitWait          how long a login waits for a free check before it is refused as busy
     */
    public EntitlementLogin(SessionStore sessions, LoginThrottle throttle, int maxConcurrentChecks, Duration permitWait) {
        if (maxConcurrentChecks < 1) {
            throw new IllegalArgumentException("maxConcurrentChecks must be at least 1, got " + maxConcurrentChecks);
        }
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.checks = new Semaphore(maxConcurrentChecks);
        this.permitWait = Objects.requireNonNull(permitWait, "permitWait");
    }

    /** Loads the users file, creating it with a generated admin password on first start. Safe to call twice. */
    public synchronized void open(Path usersFile, Path adminPasswordFile, int iterations) throws IOException {
        if (users == null) {
            users = UserStore.openOrBootstrap(usersFile, adminPasswordFile, iterations);
        }
    }

    /** Forgets every session (the service stops); logins are refused until {@link #open} again. */
    public synchronized void close() {
        users = null;
        sessions.clear();
    }

    /**
     * @param source the caller's address, for throttling
     * @return a new session id
     * @throws LoginRefusedException with WSO2's message {@code User '<name>' not authenticated.} for a
     *     wrong password or an unknown user alike, or naming the lockout or the load otherwise
     */
    public String authenticate(String userName, String password, InetAddress source) throws LoginRefusedException {
        if (userName == null || userName.isEmpty() || password == null || password.isEmpty()) {
            throw new LoginRefusedException(Reason.MISSING_CREDENTIALS, "Authentication request was missing the user name or password");
        }
        UserStore store = users;
        if (store == null) {
            throw new LoginRefusedException(Reason.BUSY, "The entitlement service is not started; retry shortly");
        }
        Optional<Duration> locked = throttle.lockedFor(source);
        if (locked.isPresent()) {
            throw new LoginRefusedException(Reason.THROTTLED, "Too many failed logins from " + source.getHostAddress()
                    + "; retry in " + Math.max(1, locked.get().toSeconds()) + " s");
        }
        boolean verified;
        try {
            if (!checks.tryAcquire(permitWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LoginRefusedException(Reason.BUSY, "Too many logins in progress; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginRefusedException(Reason.BUSY, "Login interrupted; retry shortly");
        }
        try {
            verified = store.verify(userName, password);
        } finally {
            checks.release();
        }
        if (!verified) {
            throttle.failed(source);
            failures.warn("Failed entitlement login for user '" + printable(userName) + "' from " + source.getHostAddress());
            throw new LoginRefusedException(Reason.BAD_CREDENTIALS, "User '" + printable(userName) + "' not authenticated.");
        }
        throttle.succeeded(source);
        try {
            return sessions.create(userName);
        } catch (IllegalStateException e) {
            throw new LoginRefusedException(Reason.BUSY, e.getMessage());
        }
    }

    /** WSO2's {@code isAuthenticated}: whether the session is live, refreshing its idle timer when it is. */
    public boolean isAuthenticated(String sessionId) {
        return sessions.touch(sessionId).isPresent();
    }

    /** Keeps client-supplied text from forging log lines or flooding replies. */
    static String printable(String text) {
        String cut = text.length() > MAX_ECHOED_CHARS ? text.substring(0, MAX_ECHOED_CHARS) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
