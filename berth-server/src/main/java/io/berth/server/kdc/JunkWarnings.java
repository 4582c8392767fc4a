package io.berth.server.kdc;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One WARN line for input that is not a Kerberos request, at most once a {@link #INTERVAL}, counting what it
 * left unsaid: a flood of junk costs the log one line a minute, never a stack trace.
 */
final class JunkWarnings {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(KdcListeners.class.getName());

    private final Clock clock;
    private Instant lastWarned;
    private long unsaid;

    JunkWarnings(Clock clock) {
        this.clock = clock;
    }

    /** Notes junk from {@code from}; logs it if the last line is an interval old, else counts it. */
    synchronized void junk(String from, String what) {
        Instant now = clock.instant();
        if (lastWarned != null && now.isBefore(lastWarned.plus(INTERVAL))) {
            unsaid++;
            return;
        }
        LOG.log(Level.WARNING, "KDC ignored " + what + " from " + from
                + (unsaid == 0 ? "" : " (and " + unsaid + " more such inputs since the last warning)"));
        lastWarned = now;
        unsaid = 0;
    }
}
