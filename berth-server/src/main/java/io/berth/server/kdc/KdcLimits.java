package io.berth.server.kdc;

import java.time.Duration;

/**
 * How much the KDC gives any one client over TCP, so that idle, silent or trickling connections never lock
 * real clients out: at most {@code maxTcpConnections} at once (a new one evicts the least recently active,
 * as MIT's KDC does), a connection idle for {@code idleTimeout} is closed, and a request must be whole,
 * answer written, within {@code requestTimeout} of its first byte, however slowly its bytes come. UDP is
 * served by workers of its own, which TCP never occupies.
 *
 * @param maxTcpConnections {@code [kdc] max_tcp_connections}, 1..10000, default {@value #DEFAULT_MAX_TCP_CONNECTIONS}
 * @param idleTimeout       {@code [kdc] idle_timeout_seconds}, 1..3600 s, default 30 s
 * @param requestTimeout    {@code [kdc] request_timeout_seconds}, 1..600 s, default 10 s
 */
public record KdcLimits(int maxTcpConnections, Duration idleTimeout, Duration requestTimeout) {

    public static final int DEFAULT_MAX_TCP_CONNECTIONS = 64;
    public static final KdcLimits DEFAULTS = new KdcLimits(DEFAULT_MAX_TCP_CONNECTIONS, Duration.ofSeconds(30), Duration.ofSeconds(10));

    public KdcLimits {
        if (maxTcpConnections < 1 || maxTcpConnections > 10_000) {
            throw new IllegalArgumentException("max_tcp_connections must be 1..10000 (was " + maxTcpConnections + ")");
        }
        check("idle_timeout_seconds", idleTimeout, 3600);
        check("request_timeout_seconds", requestTimeout, 600);
    }

    private static void check(String key, Duration value, long maxSeconds) {
        if (value.toSeconds() < 1 || value.toSeconds() > maxSeconds) {
            throw new IllegalArgumentException(key + " must be 1.." + maxSeconds + " (was " + value.toSeconds() + ")");
        }
    }
}
