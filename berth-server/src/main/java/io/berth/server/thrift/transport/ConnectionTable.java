package io.berth.server.thrift.transport;

import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The open connections of a Thrift port, bounded as MIT's KDC bounds its TCP connections: at most
 * {@code maxConnections} at once, a new one evicting the least recently active (preferring one
 * that is not in the middle of a request), and each phase of a connection cut off at its deadline
 * by {@link #expired()}. So idle, silent or trickling clients can delay a real client by at most
 * one eviction, never lock it out.
 */
public final class ConnectionTable {
    private final int maxConnections;
    private final Duration handshakeTimeout;
    private final Duration idleTimeout;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Set<Connection> open = new LinkedHashSet<>();

    /**
     * @param maxConnections   open connections at most, at least 1
     * @param handshakeTimeout deadline for the TLS handshake, from the accept
     * @param idleTimeout      deadline for the first byte of the next request
     * @param requestTimeout   deadline for a whole request, from its first byte to the end of its answer
     */
    public ConnectionTable(int maxConnections, Duration handshakeTimeout, Duration idleTimeout, Duration requestTimeout,
            Clock clock) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers a just-accepted socket in phase HANDSHAKE. At the cap, the least recently active
     * connection is closed first and returned, so the caller can log it.
     */
    public synchronized Admitted admit(Socket tcp) {
        Connection evicted = null;
        if (open.size() >= maxConnections) {
            evicted = leastRecentlyActive();
            open.remove(evicted);
            evicted.close("evicted: " + maxConnections + " connections open and this one was the least recently active");
        }
        Instant now = clock.instant();
        Connection connection = new Connection(tcp, now, now.plus(handshakeTimeout));
        open.add(connection);
        return new Admitted(connection, Optional.ofNullable(evicted));
    }

    /** A new connection, and the one it pushed out, if any. */
    public record Admitted(Connection connection, Optional<Connection> evicted) {
    }

    /** The handshake is done: the connection waits for its first request. */
    public synchronized void handshakeDone(Connection c) {
        idle(c);
    }

    /** The first byte of a request arrived (a no-op while a request is already under way). */
    public synchronized void requestStarted(Connection c) {
        if (c.phase == Connection.Phase.IDLE) {
            Instant now = clock.instant();
            c.phase = Connection.Phase.REQUEST;
            c.deadline = now.plus(requestTimeout);
            c.lastActive = now;
        }
    }

    /** The answer is written: the connection waits for the next request. */
    public synchronized void requestDone(Connection c) {
        idle(c);
    }

    public synchronized void remove(Connection c) {
        open.remove(c);
    }

    /** Closes and returns every connection whose phase is past its deadline. */
    public synchronized List<Connection> expired() {
        Instant now = clock.instant();
        List<Connection> expired = new ArrayList<>();
        for (Connection c : open) {
            if (c.deadline.isBefore(now)) {
                expired.add(c);
            }
        }
        for (Connection c : expired) {
            open.remove(c);
            c.close(switch (c.phase) {
                case HANDSHAKE -> "TLS handshake not done within " + handshakeTimeout.toSeconds() + " s";
                case IDLE -> "idle for " + idleTimeout.toSeconds() + " s";
                case REQUEST -> "request not done within " + requestTimeout.toSeconds() + " s";
            });
        }
        return expired;
    }

    /** Closes every connection (the service stops). */
    public synchronized void closeAll() {
        open.forEach(c -> c.close("server stopping"));
        open.clear();
    }

    public synchronized int size() {
        return open.size();
    }

    public synchronized Connection.Phase phase(Connection c) {
        return c.phase;
    }

    private void idle(Connection c) {
        Instant now = clock.instant();
        c.phase = Connection.Phase.IDLE;
        c.deadline = now.plus(idleTimeout);
        c.lastActive = now;
    }

    private Connection leastRecentlyActive() {
        Connection oldest = null;
        Connection oldestBusy = null;
        for (Connection c : open) {
            if (c.phase == Connection.Phase.REQUEST) {
                if (oldestBusy == null || c.lastActive.isBefore(oldestBusy.lastActive)) {
                    oldestBusy = c;
                }
            } else if (oldest == null || c.lastActive.isBefore(oldest.lastActive)) {
                oldest = c;
            }
        }
        return oldest != null ? oldest : oldestBusy;
    }
}
