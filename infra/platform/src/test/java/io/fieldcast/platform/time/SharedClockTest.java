package io.fieldcast.platform.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedClockTest {

    static final Instant WALL = Instant.parse("2026-11-25T01:00:00Z");
    static final Instant MORNING = Instant.parse("2026-11-25T12:00:00Z");

    /** A wall clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = WALL;

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

    @Test
    void withoutAFileItIsTheWallClock(@TempDir Path dir) {
        HandClock wall = new HandClock();
        SharedClock clock = SharedClock.of(dir.resolve("clock.properties"), wall);
        assertEquals(WALL, clock.instant());
        assertNull(clock.anchor());
    }

    @Test
    void runsFromItsAnchorAtItsSpeedAndFollowsARewrite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock.properties");
        HandClock wall = new HandClock();
        SharedClock.write(file, MORNING, 60, wall);
        SharedClock clock = SharedClock.of(file, wall);
        assertEquals(MORNING, clock.instant());
        wall.now = WALL.plusSeconds(10);
        assertEquals(MORNING.plus(Duration.ofMinutes(10)), clock.instant(), "10 wall seconds are 10 minutes at 60x");

        // Paused at the current simulated instant: time stays continuous, then stands still.
        Instant at = clock.instant();
        SharedClock.write(file, at, 0, wall);
        Thread.sleep(SharedClock.RECHECK.toMillis() + 50);
        wall.now = WALL.plusSeconds(100);
        assertEquals(at, clock.instant());

        Files.delete(file);
        Thread.sleep(SharedClock.RECHECK.toMillis() + 50);
        assertEquals(wall.now, clock.instant(), "no file: the wall clock again");
    }

    @Test
    void anAnchorMapsBothWays() {
        var anchor = new SharedClock.Anchor(WALL, MORNING, 600);
        Instant sim = MORNING.plus(Duration.ofHours(1));
        assertEquals(WALL.plusSeconds(6), anchor.wallAt(sim));
        assertEquals(sim, anchor.at(anchor.wallAt(sim)));
        assertThrows(IllegalArgumentException.class, () -> new SharedClock.Anchor(WALL, MORNING, -1));
    }

    @Test
    void aMalformedFileSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock.properties");
        Files.writeString(file, "wall=yesterday\nsim=2026-11-25T12:00:00Z\nspeed=60\n");
        var e = assertThrows(IllegalStateException.class, () -> SharedClock.read(file));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    }
}
