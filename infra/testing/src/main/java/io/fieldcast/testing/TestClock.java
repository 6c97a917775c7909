package io.fieldcast.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Domain time in a service's tests. The service's test sources produce it as a bean, which replaces the platform's
 * default system clock for the whole test application; tests inject it and move it.
 *
 * <ul>
 *   <li>{@link #fixedAt}: stands where a test sets it (dispatch, eta). {@link #withZone} returns the clock itself,
 *   still in UTC and still following {@link #set}: the tests written against it rely on that.</li>
 *   <li>{@link #runningFrom}: runs on in real time from where it was set, so back-off and leases still elapse
 *   (customer-notify). {@link #withZone} gives a fixed snapshot in that zone.</li>
 * </ul>
 */
public final class TestClock extends Clock {

    /** Monday 2026-03-02 06:00 UTC: where the dispatch tests' days start. */
    public static final Instant MONDAY_6AM = Instant.parse("2026-03-02T06:00:00Z");

    private final boolean running;
    private volatile Setting setting;

    private record Setting(Instant at, long nanos) {
    }

    private TestClock(Instant start, boolean running) {
        this.running = running;
        set(start);
    }

    /** A clock that reads {@code start} until a test sets or advances it. */
    public static TestClock fixedAt(Instant start) {
        return new TestClock(start, false);
    }

    /** A clock that reads {@code start} now and runs on in real time from there. */
    public static TestClock runningFrom(Instant start) {
        return new TestClock(start, true);
    }

    public void set(Instant instant) {
        setting = new Setting(instant, System.nanoTime());
    }

    public void advance(Duration duration) {
        set(instant().plus(duration));
    }

    @Override
    public Instant instant() {
        Setting s = setting;
        return running ? s.at().plusNanos(System.nanoTime() - s.nanos()) : s.at();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return running ? Clock.fixed(instant(), zone) : this;
    }
}
