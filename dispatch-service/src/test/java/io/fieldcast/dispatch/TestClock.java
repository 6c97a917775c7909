package io.fieldcast.dispatch;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Domain time for tests: Monday 2026-03-02 06:00 UTC unless a test moves it. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

    public static final Instant MONDAY_6AM = Instant.parse("2026-03-02T06:00:00Z");

    private volatile Instant now = MONDAY_6AM;

    public void set(Instant instant) {
        now = instant;
    }

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
}
