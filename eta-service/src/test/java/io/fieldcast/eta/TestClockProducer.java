package io.fieldcast.eta;

import io.fieldcast.testing.TestClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Instant;

/** The tests' clock: Monday 2026-03-02 08:00 UTC until each test sets it to the moment of its story. */
@ApplicationScoped
class TestClockProducer {

    @Produces
    @Singleton
    TestClock clock() {
        return TestClock.fixedAt(Instant.parse("2026-03-02T08:00:00Z"));
    }
}
