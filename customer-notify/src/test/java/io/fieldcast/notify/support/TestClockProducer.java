package io.fieldcast.notify.support;

import io.fieldcast.testing.TestClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The service's clock in tests: from now, or any instant a test sets, it runs on in real time (so back-off and leases
 * still elapse).
 */
@ApplicationScoped
class TestClockProducer {

    @Produces
    @Singleton
    TestClock clock() {
        return TestClock.runningFrom(Instant.now());
    }
}
