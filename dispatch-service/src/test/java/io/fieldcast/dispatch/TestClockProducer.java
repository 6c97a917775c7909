package io.fieldcast.dispatch;

import io.fieldcast.testing.TestClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Domain time for tests: Monday 2026-03-02 06:00 UTC unless a test moves it. */
@ApplicationScoped
class TestClockProducer {

    @Produces
    @Singleton
    TestClock clock() {
        return TestClock.fixedAt(TestClock.MONDAY_6AM);
    }
}
