package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BreakEstimatorTest {

    static final ZoneId NY = ZoneId.of("America/New_York");

    /** A local time on 2026-03-10 (EDT, UTC-4). */
    static Instant at(int hour, int minute) {
        return LocalDate.of(2026, 3, 10).atTime(hour, minute).atZone(NY).toInstant();
    }

    static BreakEstimator.MinedStop stop(Instant departure, Instant arrival, Instant completed, Instant window) {
        return new BreakEstimator.MinedStop(departure, arrival, completed, window);
    }

    @Test
    void theFirstLongGapAfterTenThatIsNotAWaitForAWindowIsTheBreak() {
        List<BreakEstimator.MinedStop> day = List.of(
                stop(at(8, 0), at(8, 20), at(9, 10), at(8, 0)),
                // 09:10 -> 09:40: a long gap, but before 10:00 (a late start or a wait), not the break.
                stop(at(9, 40), at(9, 55), at(10, 50), at(8, 0)),
                // 10:50 -> 11:30, then arrives 11:58 for a window opening at 12:00: it waited to leave, no break.
                stop(at(11, 30), at(11, 58), at(12, 40), at(12, 0)),
                // 12:42 -> 13:20: lunch (38 min).
                stop(at(13, 20), at(13, 40), at(14, 30), at(12, 0)),
                stop(at(15, 0), at(15, 20), at(16, 0), at(12, 0)));

        BreakEstimator.Observation seen = BreakEstimator.observe("tech-1", day, NY);

        assertEquals(12 * 60 + 40, seen.startMinute());
        assertEquals(40, seen.minutes(), 1e-9);
    }

    @Test
    void aDayOfShortGapsShowsNoBreak() {
        List<BreakEstimator.MinedStop> day = List.of(
                stop(at(8, 0), at(8, 20), at(10, 30), at(8, 0)),
                stop(at(10, 35), at(10, 55), at(12, 30), at(8, 0)),
                stop(at(12, 40), at(13, 0), at(14, 0), at(12, 0)));

        assertNull(BreakEstimator.observe("tech-1", day, NY));
    }

    @Test
    void theShortGapsBetweenJobsAreTheTurnaroundAndLongOnesAreNot() {
        List<BreakEstimator.MinedStop> day = List.of(
                stop(at(8, 0), at(8, 20), at(9, 10), at(8, 0)),
                stop(at(9, 13), at(9, 30), at(10, 30), at(8, 0)),
                // 10:30 -> 11:10: the break, not packing up.
                stop(at(11, 10), at(11, 30), at(12, 0), at(8, 0)),
                stop(at(12, 2), at(12, 20), null, at(8, 0)),
                // No tap done before: no gap to measure.
                stop(at(13, 0), at(13, 20), at(14, 0), at(8, 0)));

        assertEquals(List.of(3.0, 2.0), BreakEstimator.turnarounds(day));
    }

    @Test
    void aTechnicianWithFewTurnaroundsIsShrunkTowardTheFleet() {
        Map<String, Double> learned = BreakEstimator.turnaroundByTechnician(Map.of(
                "tech-1", List.of(2.0, 2.5, 3.0, 2.0, 3.0, 2.5, 2.0, 3.0, 2.5, 2.5),
                "tech-2", List.of(8.0)));

        assertEquals(2.5, learned.get(null), 1e-9, "the fleet's median");
        assertEquals(2.5, learned.get("tech-1"), 1e-9);
        assertEquals((8.0 + 5 * 2.5) / 6, learned.get("tech-2"), 1e-9, "one slow day counts one sixth");
        assertTrue(BreakEstimator.turnaroundByTechnician(Map.of()).isEmpty());
    }

    @Test
    void aTechnicianWithFewDaysIsShrunkTowardTheFleet() {
        List<BreakEstimator.Observation> seen = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            seen.add(new BreakEstimator.Observation("steady", 12 * 60 + d % 5, 30 * Math.exp(0.1 * ((d % 3) - 1))));
        }
        seen.add(new BreakEstimator.Observation("new-hire", 11 * 60 + 30, 90));

        Map<String, BreakHabit> learned = BreakEstimator.estimate(seen);
        BreakHabit steady = learned.get("steady");
        BreakHabit newHire = learned.get("new-hire");
        BreakHabit fleet = learned.get(null);

        assertEquals(12 * 60, steady.afterMinute(), 1, "the earliest start seen, 20 days of it");
        assertEquals(30, steady.minutes().p50(), 2);
        assertEquals(20, steady.days());
        // One day at 11:30 against the fleet's 12:00: three quarters of the way to the fleet.
        assertTrue(newHire.afterMinute() > 11 * 60 + 30 && newHire.afterMinute() <= 12 * 60, newHire.toString());
        // One 90-minute lunch against the fleet's ~33: the estimate lands in between, nearer the fleet.
        assertTrue(newHire.minutes().p50() > 35 && newHire.minutes().p50() < 60, newHire.toString());
        assertTrue(fleet.minutes().p50() > 29 && fleet.minutes().p50() < 40, fleet.toString());
        assertTrue(BreakEstimator.estimate(List.of()).isEmpty());
    }
}
