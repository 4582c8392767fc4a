package io.berth.server.thrift.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Failed logins counted per source address, as Tomcat's LockOutRealm counts them per user: after
 * {@code maxFailures} failures in a row a source is refused, without any password being checked,
 * until {@code lockout} has passed since its last failure; each failure after that locks it again,
 * so a guesser gets one guess per lockout. A success clears the source. An IPv6 source counts by
 * its /64, since one host commonly holds a whole /64. A source quiet for ten lockouts is forgotten,
 * and at most {@code maxSources} are remembered (the least recently failed go first).
 */
public final class LoginThrottle {
    private static final int FORGET_AFTER_LOCKOUTS = 10;

    private record Failures(int count, Instant last) {
    }

    private final int maxFailures;
    private final Duration lockout;
    private final int maxSources;
    private final Clock clock;
    // Access order: the eldest entry is the source that failed longest ago.
    private final LinkedHashMap<String, Failures> failures = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * @param maxFailures failures in a row before a source is locked out, at least 1
     * @param lockout     how long a locked-out source is refused after its last failure, positive
     * @param maxSources  sources remembered at once, at least 1
     */
    public LoginThrottle(int maxFailures, Duration lockout, int maxSources, Clock clock) {
        if (maxFailures < 1 || maxSources < 1) {
            throw new IllegalArgumentException("need maxFailures >= 1 and maxSources >= 1, got " + maxFailures
                    + " and " + maxSources);
        }
        if (lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("lockout must be positive, got " + lockout);
        }
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.maxSources = maxSources;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return how long {@code source} must still wait, or empty when it may try a password now */
    public synchronized Optional<Duration> lockedFor(InetAddress source) {
        Failures f = current(key(source));
        if (f == null || f.count() < maxFailures) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), f.last().plus(lockout));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public synchronized void failed(InetAddress source) {
        String key = key(source);
        Failures f = current(key);
        failures.put(key, new Failures(f == null ? 1 : f.count() + 1, clock.instant()));
        if (failures.size() > maxSources) {
            forgetQuietSources();
        }
        while (failures.size() > maxSources) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized void succeeded(InetAddress source) {
        failures.remove(key(source));
    }

    synchronized int sources() {
        return failures.size();
    }

    private Failures current(String key) {
        Failures f = failures.get(key);
        if (f != null && forgettable(f, clock.instant())) {
            failures.remove(key);
            return null;
        }
        return f;
    }

    private void forgetQuietSources() {
        Instant now = clock.instant();
        failures.values().removeIf(f -> forgettable(f, now));
    }

    private boolean forgettable(Failures f, Instant now) {
        return f.last().plus(lockout.multipliedBy(FORGET_AFTER_LOCKOUTS)).isBefore(now);
    }

    /** The address, or an IPv6 address's /64 prefix. */
    static String key(InetAddress source) {
        byte[] bytes = source.getAddress();
        if (source instanceof Inet6Address) {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format("%02x", bytes[i]));
            }
            return prefix.append("::/64").toString();
        }
        return source.getHostAddress();
    }
}
