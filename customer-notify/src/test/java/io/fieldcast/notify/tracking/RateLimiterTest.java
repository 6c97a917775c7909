package io.fieldcast.notify.tracking;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    private final TestClock clock = TestClock.fixedAt(TestClock.MONDAY_6AM);
    private final RateLimiter limiter = new RateLimiter(settings(3, 5), clock);

    @Test
    void aLinkAndAnAddressEachHaveTheirLimitPerMinute() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.allowToken("link"));
        }
        assertFalse(limiter.allowToken("link"), "the fourth view of one link in a minute");
        assertTrue(limiter.allowToken("other-link"));
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.allowAddress("198.51.100.7"));
        }
        assertFalse(limiter.allowAddress("198.51.100.7"));

        clock.advance(Duration.ofMinutes(1));
        assertTrue(limiter.allowToken("link"), "a new minute");
        assertTrue(limiter.allowAddress("198.51.100.7"));
    }

    @Test
    void aFloodOfAddressesCannotGrowTheTableWithoutBound() {
        for (int i = 0; i < RateLimiter.MAX_KEYS + 1000; i++) {
            limiter.allowAddress("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertEquals(RateLimiter.MAX_KEYS, limiter.size());
    }

    /** Only the two limits are read. */
    private static NotifySettings settings(int perToken, int perAddress) {
        NotifySettings.Tracking tracking = (NotifySettings.Tracking) Proxy.newProxyInstance(
                RateLimiterTest.class.getClassLoader(), new Class<?>[] {NotifySettings.Tracking.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "requestsPerMinute" -> perToken;
                    case "requestsPerMinutePerAddress" -> perAddress;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (NotifySettings) Proxy.newProxyInstance(RateLimiterTest.class.getClassLoader(),
                new Class<?>[] {NotifySettings.class}, (proxy, method, args) -> {
                    if (method.getName().equals("tracking")) {
                        return tracking;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
