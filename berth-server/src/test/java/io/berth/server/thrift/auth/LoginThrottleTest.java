package io.berth.server.thrift.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Duration LOCKOUT = Duration.ofSeconds(60);
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, LOCKOUT, 4, clock);

    private static InetAddress ip(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void locksASourceOutAfterTheFailuresAndOnlyThatSource() throws Exception {
        InetAddress guesser = ip("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.lockedFor(guesser));
            throttle.failed(guesser);
        }
        assertEquals(Optional.of(LOCKOUT), throttle.lockedFor(guesser));
        assertEquals(Optional.empty(), throttle.lockedFor(ip("192.0.2.2")));
        now = now.plusSeconds(59);
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor(guesser));
    }

    @Test
    void afterALockoutEachFailureLocksAgain() throws Exception {
        InetAddress guesser = ip("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            throttle.failed(guesser);
        }
        now = now.plus(LOCKOUT);
        assertEquals(Optional.empty(), throttle.lockedFor(guesser)); // one more guess
        throttle.failed(guesser);
        assertEquals(Optional.of(LOCKOUT), throttle.lockedFor(guesser));
    }

    @Test
    void aSuccessClearsTheSource() throws Exception {
        InetAddress user = ip("192.0.2.1");
        throttle.failed(user);
        throttle.failed(user);
        throttle.succeeded(user);
        throttle.failed(user);
        throttle.failed(user);
        assertEquals(Optional.empty(), throttle.lockedFor(user));
    }

    @Test
    void anIpv6SourceCountsByItsSlash64() throws Exception {
        for (int i = 1; i <= 3; i++) {
            throttle.failed(ip("2001:db8:1:2::" + i));
        }
        assertTrue(throttle.lockedFor(ip("2001:db8:1:2:ffff::9")).isPresent());
        assertEquals(Optional.empty(), throttle.lockedFor(ip("2001:db8:1:3::1")));
    }

    @Test
    void remembersAtMostMaxSourcesDroppingTheLeastRecentlyFailed() throws Exception {
        for (int i = 1; i <= 6; i++) {
            throttle.failed(ip("192.0.2." + i));
            now = now.plusSeconds(1);
        }
        assertEquals(4, throttle.sources());
        // Quiet for ten lockouts: forgotten.
        now = now.plus(LOCKOUT.multipliedBy(11));
        throttle.failed(ip("198.51.100.1"));
        throttle.failed(ip("198.51.100.2"));
        throttle.failed(ip("198.51.100.3"));
        throttle.failed(ip("198.51.100.4"));
        throttle.failed(ip("198.51.100.5"));
        assertEquals(4, throttle.sources());
    }
}
