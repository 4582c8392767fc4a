package io.berth.server.thrift.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions handed out by {@code authenticate}: unguessable random ids that expire after an idle
 * time. Bounded so that a client holding valid credentials cannot exhaust memory by logging in
 * in a loop.
 */
public final class SessionStore {
    private static final int ID_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Session(String user, Instant lastUsed) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final int maxSessions;
    private final Clock clock;

    public SessionStore(Duration idleTimeout, int maxSessions, Clock clock) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("session idle timeout must be positive, got " + idleTimeout);
        }
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    /** @throws IllegalStateException when {@code maxSessions} live sessions exist */
    public String create(String user) {
        if (sessions.size() >= maxSessions) {
            purgeExpired();
            if (sessions.size() >= maxSessions) {
                throw new IllegalStateException("too many open sessions (" + maxSessions + "); retry later");
            }
        }
        byte[] random = new byte[ID_BYTES];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        sessions.put(id, new Session(user, clock.instant()));
        return id;
    }

    /** @return the session's user, refreshing its idle timer; empty if unknown or expired */
    public Optional<String> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = sessions.computeIfPresent(id,
                (key, s) -> expired(s, now) ? null : new Session(s.user(), now));
        return Optional.ofNullable(session).map(Session::user);
    }

    public void clear() {
        sessions.clear();
    }

    int size() {
        return sessions.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
    }

    private boolean expired(Session s, Instant now) {
        return s.lastUsed().plus(idleTimeout).isBefore(now);
    }
}
