package io.fieldcast.platform.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainTimerTest {

    static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void onTheWallClockItWaitsThePeriod() {
        assertEquals(MINUTE, DomainTimer.wallDelay(MINUTE, 1, 0));
        assertEquals(MINUTE, DomainTimer.tickPeriod(MINUTE, 1));
        assertEquals(1.0, DomainTimer.speedOf(Clock.systemUTC()));
    }

    @Test
    void aFasterDayIsSweptAsOftenInItsOwnMinutes() {
        assertEquals(Duration.ofSeconds(1), DomainTimer.wallDelay(MINUTE, 60, 0), "a minute at 60x is a second");
        assertEquals(MINUTE, DomainTimer.tickPeriod(MINUTE, 60), "and each tick stands for one minute");
    }

    @Test
    void veryFastDaysNeverTurnItIntoABusyLoop() {
        assertEquals(DomainTimer.MIN_WALL, DomainTimer.wallDelay(MINUTE, 2400, 0), "not 25 ms");
        assertEquals(Duration.ofMinutes(8), DomainTimer.tickPeriod(MINUTE, 2400), "200 ms at 2400x is 8 minutes");
        assertEquals(Duration.ofMillis(1500), DomainTimer.wallDelay(MINUTE, 60, 1500),
                "a run of 1.5 s is followed by as long a rest");
        assertEquals(MINUTE, DomainTimer.wallDelay(MINUTE, 60, 90_000), "never longer than the period itself");
    }

    @Test
    void whilePausedItLooksAgainEverySecond() {
        assertEquals(DomainTimer.WHILE_PAUSED, DomainTimer.wallDelay(MINUTE, 0, 0));
        assertEquals(Duration.ofMillis(300), DomainTimer.wallDelay(Duration.ofMillis(300), 0, 0));
    }

    @Test
    void runsOnTheSharedClocksPaceAndKeepsGoingAfterAFailure(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock.properties");
        SharedClock.write(file, Instant.parse("2026-12-05T08:00:00Z"), 600, Clock.systemUTC());
        SharedClock clock = SharedClock.of(file);
        assertEquals(600.0, DomainTimer.speedOf(clock));
        List<Duration> ticks = new CopyOnWriteArrayList<>();
        CountDownLatch four = new CountDownLatch(4);
        long started = System.nanoTime();
        // Every 5 minutes of a day at 600x is every 500 ms; the second run throws.
        try (DomainTimer ignored = DomainTimer.every("test-timer", clock, Duration.ofMinutes(5), tick -> {
            ticks.add(tick);
            four.countDown();
            if (ticks.size() == 2) {
                throw new IllegalStateException("a failing run");
            }
        })) {
            assertTrue(four.await(20, TimeUnit.SECONDS), "four runs of a 5-minute timer at 600x: " + ticks);
        }
        long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(wallMillis >= 4 * 500 - 50, "four periods of 500 ms took " + wallMillis + " ms");
        assertTrue(wallMillis < 4 * 60_000, "not four minutes of the wall clock: " + wallMillis + " ms");
        assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(5)), ticks.subList(0, 4));
    }
}
