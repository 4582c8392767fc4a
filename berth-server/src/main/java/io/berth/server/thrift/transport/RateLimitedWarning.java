package io.berth.server.thrift.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One WARN line per interval for a kind of event a hostile client can cause at will (junk bytes,
 * failed handshakes, evictions), so a flood cannot fill the log: the first event of an interval
 * is logged, the rest are counted and the count leads the next line that is logged. Never a stack
 * trace: the line names the peer and what was wrong.
 */
public final class RateLimitedWarning {
    private final Logger log;
    private final Duration interval;
    private final Clock clock;
    private Instant nextAllowed = Instant.MIN;
    private long suppressed;

    public RateLimitedWarning(Logger log, Duration interval, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return whether the line was written (false: counted towards the next one) */
    public boolean warn(String message) {
        String line;
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(nextAllowed)) {
                suppressed++;
                return false;
            }
            nextAllowed = now.plus(interval);
            line = suppressed == 0 ? message
                    : message + " (and " + suppressed + " more like it since the last such line)";
            suppressed = 0;
        }
        log.log(Level.WARNING, line);
        return true;
    }
}
