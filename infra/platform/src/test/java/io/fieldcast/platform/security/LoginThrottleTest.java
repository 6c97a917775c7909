package io.fieldcast.platform.security;

import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private final TestClock clock = TestClock.fixedAt(TestClock.MONDAY_6AM);
    private final LoginThrottle throttle = new LoginThrottle(clock, new Settings());

    @Test
    void anAccountIsLockedAfterFiveFailuresForLongerAfterEachFurtherOne() {
        for (int i = 0; i < 5; i++) {
            throttle.check("dana", "10.0.0.1");
            throttle.failed("dana", "10.0.0.1");
        }
        assertDoesNotThrow(() -> throttle.check("dana", "10.0.0.1"), "five failures are free");
        throttle.failed("dana", "10.0.0.1");

        ApiException locked = assertThrows(ApiException.class, () -> throttle.check("DANA ", "10.0.0.2"));
        assertEquals(429, locked.status());
        assertEquals(Duration.ofSeconds(30), locked.retryAfter());
        assertTrue(locked.getMessage().contains("try again in 30 s"), locked.getMessage());
        assertDoesNotThrow(() -> throttle.check("ivan", "10.0.0.2"), "other accounts are not locked");

        clock.advance(Duration.ofSeconds(31));
        throttle.check("dana", "10.0.0.1");
        throttle.failed("dana", "10.0.0.1");
        assertEquals(Duration.ofSeconds(60), assertThrows(ApiException.class,
                () -> throttle.check("dana", null)).retryAfter(), "the next lock is twice as long");

        for (int i = 0; i < 30; i++) {
            throttle.failed("dana", null);
        }
        assertEquals(Duration.ofMinutes(15), assertThrows(ApiException.class,
                () -> throttle.check("dana", null)).retryAfter(), "up to the ceiling");
    }

    @Test
    void aSuccessClearsTheAccountAndOldFailuresAreForgotten() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("ivan", null);
        }
        throttle.succeeded("ivan");
        throttle.failed("ivan", null);
        assertDoesNotThrow(() -> throttle.check("ivan", null));

        for (int i = 0; i < 4; i++) {
            throttle.failed("ivan", null);
        }
        clock.advance(Duration.ofHours(2));
        throttle.failed("ivan", null);
        assertDoesNotThrow(() -> throttle.check("ivan", null), "failures an hour old were forgotten");
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedToo() {
        for (int i = 0; i < 21; i++) {
            throttle.failed("user-" + i, "203.0.113.9");
        }
        assertEquals(429, assertThrows(ApiException.class, () -> throttle.check("someone-new", "203.0.113.9"))
                .status());
        assertDoesNotThrow(() -> throttle.check("someone-new", "203.0.113.10"));
    }

    @Test
    void madeUpNamesCannotGrowTheMemoryWithoutBound() {
        throttle.failed("first", null);
        for (int i = 0; i < 5; i++) {
            throttle.failed("first", null);
        }
        for (int i = 0; i < LoginThrottle.MAX_KEYS; i++) {
            throttle.failed("made-up-" + i, null);
        }
        assertDoesNotThrow(() -> throttle.check("first", null), "the least recently seen key went first");
    }

    @Test
    void anUnknownAccountTakesAsLongToRefuseAsAKnownOne() {
        String hash = Passwords.hash("right");
        Passwords.matchesInConstantTime("warm-up", null);
        long known = time(() -> Passwords.matchesInConstantTime("wrong", hash));
        long unknown = time(() -> Passwords.matchesInConstantTime("wrong", null));
        assertTrue(Passwords.matchesInConstantTime("right", hash));
        // Both run one bcrypt verification of the same cost; the unknown one is not 10x faster.
        assertTrue(unknown * 3 > known, "known " + known + " ns, unknown " + unknown + " ns");
    }

    private static long time(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private static final class Settings implements SecuritySettings {
        @Override
        public String issuer() {
            return "test";
        }

        @Override
        public Duration userTokenLifetime() {
            return Duration.ofHours(8);
        }

        @Override
        public Duration deviceTokenLifetime() {
            return Duration.ofMinutes(30);
        }

        @Override
        public boolean demoCredentials() {
            return false;
        }

        @Override
        public Login login() {
            return new Login() {
                @Override
                public int freeFailures() {
                    return 5;
                }

                @Override
                public int freeFailuresPerAddress() {
                    return 20;
                }

                @Override
                public Duration firstLockout() {
                    return Duration.ofSeconds(30);
                }

                @Override
                public Duration maxLockout() {
                    return Duration.ofMinutes(15);
                }

                @Override
                public Duration forgetAfter() {
                    return Duration.ofHours(1);
                }
            };
        }
    }
}
