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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainTimerTest {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Instant MORNING = Instant.parse("2026-12-05T11:00:00Z");

    @Test
    void eachTickStandsForThePeriodOrWhatTheShortestWaitIsWorthAtThatSpeed() {
        assertEquals(MINUTE, DomainTimer.tickPeriod(MINUTE, 1));
        assertEquals(MINUTE, DomainTimer.tickPeriod(MINUTE, 0), "paused");
        assertEquals(MINUTE, DomainTimer.tickPeriod(MINUTE, 60), "a minute at 60x is a second of wall time");
        assertEquals(Duration.ofMinutes(8), DomainTimer.tickPeriod(MINUTE, 2400), "200 ms at 2400x is 8 minutes");
        assertEquals(1.0, DomainTimer.speedOf(Clock.systemUTC()));
    }

    @Test
    void runsOnTheSharedClocksPaceAndKeepsGoingAfterAFailure(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock.properties");
        SharedClock.write(file, MORNING, 600, Clock.systemUTC());
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
        assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(5)), ticks.subList(0, 4));
    }

    /**
     * The demo books at 1x and then plays the day at 600x: a run waited for at 1x comes when its period has passed
     * at the new speed, not a wall minute later; and nothing runs while the clock is paused.
     */
    @Test
    void aChangeOfSpeedWhileWaitingIsFollowed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock.properties");
        SharedClock.write(file, MORNING, 1, Clock.systemUTC());
        SharedClock clock = SharedClock.of(file);
        CountDownLatch first = new CountDownLatch(1);
        try (DomainTimer ignored = DomainTimer.every("test-timer", clock, MINUTE, tick -> first.countDown())) {
            Thread.sleep(300);
            SharedClock.write(file, clock.instant(), 0, Clock.systemUTC());
            assertFalse(first.await(1500, TimeUnit.MILLISECONDS), "paused: no minute passes");
            long sped = System.nanoTime();
            SharedClock.write(file, clock.instant(), 600, Clock.systemUTC());
            assertTrue(first.await(5, TimeUnit.SECONDS), "the minute passes in 0.1 s at 600x");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sped);
            assertTrue(millis < 2 * DomainTimer.RECHECK.toMillis() + SharedClock.RECHECK.toMillis(),
                    "the change was seen within a recheck: " + millis + " ms");
        }
    }
}
