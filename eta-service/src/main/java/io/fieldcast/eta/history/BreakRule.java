package io.fieldcast.eta.history;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What counts as the midday break in a technician's day: a gap of at least {@link #MIN_GAP} after a job done at or
 * after {@link #EARLIEST} local time. Today's break, seen in the taps, and the habit learned from mined days follow
 * the same rule.
 */
public final class BreakRule {

    /** A shorter gap is packing up, a call, paperwork: not the break. */
    public static final Duration MIN_GAP = Duration.ofMinutes(12);
    /** Earlier gaps are waits for windows or late starts, not lunch. */
    public static final int EARLIEST = 10 * 60;

    /** A door reached from this long before a window opened to {@link #WAIT_AFTER} after: a wait for it. */
    static final Duration WAIT_BEFORE = Duration.ofMinutes(20);
    static final Duration WAIT_AFTER = Duration.ofMinutes(2);

    private BreakRule() {
    }

    /**
     * Whether a gap that ended with the next door reached at {@code arrived} was a wait for that customer's window
     * opening at {@code windowStart} rather than the break.
     */
    public static boolean waitedForWindow(Instant arrived, Instant windowStart) {
        return !arrived.isBefore(windowStart.minus(WAIT_BEFORE)) && !arrived.isAfter(windowStart.plus(WAIT_AFTER));
    }

    /** Whether a window opening at {@code windowStart} may still be waited for at {@code now} (door not reached). */
    static boolean mayStillWaitFor(Instant windowStart, Instant now) {
        return now.isBefore(windowStart.plus(WAIT_AFTER));
    }

    /** Minute of the local day of {@code t}: break times are habits of the clock on the wall, not of UTC. */
    public static int localMinute(Instant t, ZoneId zone) {
        var local = t.atZone(zone);
        return local.getHour() * 60 + local.getMinute();
    }
}
