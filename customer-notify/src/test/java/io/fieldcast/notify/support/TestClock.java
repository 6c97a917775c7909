package io.fieldcast.notify.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: set to any instant, then it runs on in real time from there (so back-off and
 * leases still elapse). Replaces the platform's system clock for the whole test application.
 */
@Singleton
@Alternative
@Priority(1)
public class TestClock extends Clock {

    private volatile Instant base = Instant.now();
    private volatile long setAtNanos = System.nanoTime();

    public void set(Instant instant) {
        base = instant;
        setAtNanos = System.nanoTime();
    }

    public void advance(Duration duration) {
        set(instant().plus(duration));
    }

    @Override
    public Instant instant() {
        return base.plusNanos(System.nanoTime() - setAtNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
