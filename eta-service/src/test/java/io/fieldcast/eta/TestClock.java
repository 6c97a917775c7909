package io.fieldcast.eta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The tests' clock: replaces the platform's system clock, set by each test to the moment of its story. */
public class TestClock extends Clock {

    private static volatile Instant now = Instant.parse("2026-03-02T08:00:00Z");

    public static void set(Instant instant) {
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

    /** CDI producer: overrides the platform's {@code @DefaultBean} clock for the whole test application. */
    @ApplicationScoped
    public static class Producer {
        @Produces
        @ApplicationScoped
        Clock clock() {
            return new TestClock();
        }
    }
}
