package io.berth.server.thrift.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void idsAreRandomAndExpireWhenIdle() {
        SessionStore store = new SessionStore(Duration.ofMinutes(1), 10, clock);
        String a = store.create("admin");
        assertNotEquals(a, store.create("admin"));
        assertTrue(a.length() >= 43, "256-bit id expected");
        now = now.plusSeconds(59);
        assertEquals(Optional.of("admin"), store.touch(a));
        now = now.plusSeconds(61);
        assertEquals(Optional.empty(), store.touch(a));
        assertEquals(Optional.empty(), store.touch(null));
    }

    @Test
    void boundedButExpiredSessionsMakeRoom() {
        SessionStore store = new SessionStore(Duration.ofMinutes(1), 2, clock);
        store.create("a");
        store.create("b");
        assertThrows(IllegalStateException.class, () -> store.create("c"));
        now = now.plusSeconds(120);
        store.create("c");
        assertEquals(1, store.size());
    }
}
