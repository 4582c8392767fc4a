package io.berth.server.thrift.transport;

import java.io.IOException;
import java.net.Socket;
import java.time.Instant;

/**
 * One accepted TCP connection and the deadline of what it is doing now. Each phase has a deadline
 * for the whole of it, not per read: a client that sends a byte now and then cannot stretch a
 * handshake or a request past it. Its fields change under the table's lock.
 */
public final class Connection {

    /** What the connection is doing; each phase has its own deadline. */
    public enum Phase {
        /** From accept to the end of the TLS handshake. */
        HANDSHAKE,
        /** Between requests: waiting for the first byte of the next one. */
        IDLE,
        /** From the first byte of a request to the end of its answer. */
        REQUEST
    }

    private final Socket tcp;
    private final String peer;
    Phase phase;
    Instant deadline;
    /** Accept, end of handshake, start and end of each request: what "least recently active" orders by. */
    Instant lastActive;
    private volatile String closedBecause;

    Connection(Socket tcp, Instant now, Instant handshakeDeadline) {
        this.tcp = tcp;
        this.peer = tcp.getInetAddress() == null ? "?" : tcp.getInetAddress().getHostAddress();
        this.phase = Phase.HANDSHAKE;
        this.deadline = handshakeDeadline;
        this.lastActive = now;
    }

    public Socket tcp() {
        return tcp;
    }

    /** The client's address, for logs. */
    public String peer() {
        return peer;
    }

    /** Why the server closed it (deadline, eviction, stop), or null when it did not. */
    public String closedBecause() {
        return closedBecause;
    }

    /**
     * Closes the TCP socket under the TLS layer: a worker blocked in a read on it fails at once
     * (closing the TLS socket from another thread would wait for that read).
     */
    void close(String reason) {
        if (closedBecause == null) {
            closedBecause = reason;
        }
        try {
            tcp.close();
        } catch (IOException e) {
            // unusable either way
        }
    }
}
