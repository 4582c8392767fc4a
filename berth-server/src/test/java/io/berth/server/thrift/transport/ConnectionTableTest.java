package io.berth.server.thrift.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {
    private static final Duration HANDSHAKE = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration REQUEST = Duration.ofSeconds(20);
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

    private ConnectionTable table(int max) {
        return new ConnectionTable(max, HANDSHAKE, IDLE, REQUEST, clock);
    }

    private Connection admit(ConnectionTable table) {
        Connection c = table.admit(new Socket()).connection();
        now = now.plusSeconds(1);
        return c;
    }

    @Test
    void atTheCapTheLeastRecentlyActiveGoesAndIsClosed() {
        ConnectionTable table = table(3);
        Connection first = admit(table);
        Connection second = admit(table);
        Connection third = admit(table);
        table.handshakeDone(first); // first is now the most recently active
        ConnectionTable.Admitted fourth = table.admit(new Socket());
        assertEquals(second, fourth.evicted().orElseThrow());
        assertTrue(second.tcp().isClosed());
        assertTrue(second.closedBecause().startsWith("evicted"), second.closedBecause());
        assertEquals(3, table.size());
        assertFalse(third.tcp().isClosed());
    }

    @Test
    void aConnectionInTheMiddleOfARequestIsEvictedLast() {
        ConnectionTable table = table(2);
        Connection busy = admit(table);
        table.handshakeDone(busy);
        table.requestStarted(busy);
        now = now.plusSeconds(5);
        Connection silent = admit(table); // more recent than busy, but doing nothing
        assertEquals(silent, table.admit(new Socket()).evicted().orElseThrow());
        assertFalse(busy.tcp().isClosed());
    }

    @Test
    void eachPhaseIsCutOffAtItsWholeDeadlineNotPerRead() {
        ConnectionTable table = table(10);
        Connection handshaking = admit(table);
        Connection idle = admit(table);
        table.handshakeDone(idle);
        Connection requesting = admit(table);
        table.handshakeDone(requesting);
        table.requestStarted(requesting);
        // A trickling client reads a byte now and then: that does not move the request's deadline.
        now = now.plus(REQUEST.minusSeconds(1));
        table.requestStarted(requesting);
        assertEquals(List.of(handshaking), table.expired());
        assertTrue(handshaking.closedBecause().startsWith("TLS handshake not done within 10 s"));
        now = now.plusSeconds(2);
        assertEquals(List.of(requesting), table.expired());
        assertTrue(requesting.closedBecause().startsWith("request not done within 20 s"));
        now = now.plus(IDLE);
        assertEquals(List.of(idle), table.expired());
        assertEquals(0, table.size());
    }

    @Test
    void anAnsweredRequestStartsANewIdleWait() {
        ConnectionTable table = table(10);
        Connection c = admit(table);
        table.handshakeDone(c);
        table.requestStarted(c);
        now = now.plus(REQUEST.minusSeconds(1));
        table.requestDone(c);
        now = now.plus(IDLE.minusSeconds(1));
        assertEquals(List.of(), table.expired());
        assertEquals(Connection.Phase.IDLE, table.phase(c));
    }
}
