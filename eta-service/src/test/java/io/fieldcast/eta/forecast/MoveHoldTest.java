package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.VisitPlan;
import io.fieldcast.eta.history.VisitProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a change to a told window waits: the phone silent, or a fresh fix away from the job the taps say is on. */
class MoveHoldTest {

    private static final Instant SHIFT = Instant.parse("2026-03-10T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-10T10:30:00Z");
    private static final Duration HOLD = Duration.ofMinutes(15);
    private static final UUID JOB = UUID.nameUUIDFromBytes("job".getBytes());
    private static final UUID NEXT = UUID.nameUUIDFromBytes("next".getBytes());
    // The job at (45.52, -122.65); the next customer 2.2 km north.
    private static final List<VisitPlan> VISITS = List.of(
            new VisitPlan(JOB, "REPAIR", 45.52, -122.65, SHIFT, SHIFT.plus(Duration.ofHours(4)), SHIFT, 45),
            new VisitPlan(NEXT, "REPAIR", 45.54, -122.65, SHIFT, SHIFT.plus(Duration.ofHours(4)), SHIFT, 45));
    /** At the job since 09:00, nothing tapped since. */
    private static final Map<UUID, VisitProgress> AT_THE_JOB = Map.of(JOB,
            new VisitProgress(null, Instant.parse("2026-03-10T09:00:00Z"), null, false));

    private static DayState day(DayState.Fix fix, Instant heard) {
        return new DayState("t", LocalDate.of(2026, 3, 10), 1, 45.5, -122.65, SHIFT, VISITS, AT_THE_JOB, fix, NOW,
                Map.of(), null, null, heard);
    }

    @Test
    void aFreshFixAtTheJobHoldsNothing() {
        assertNull(MoveHold.why(day(new DayState.Fix(NOW.minusSeconds(60), 45.5203, -122.6502), NOW), HOLD));
    }

    @Test
    void aFreshFixFarFromTheJobHoldsTheMove() {
        // The van is at the next customer: the taps that say so (done, on the way, arrived) have not been read yet.
        String why = MoveHold.why(day(new DayState.Fix(NOW.minusSeconds(60), 45.5398, -122.6501), NOW), HOLD);
        assertTrue(why != null && why.contains("m from the job the taps say is under way"), why);
    }

    @Test
    void anOldOrEarlierFixSaysNothingOfTheJob() {
        // Ten minutes and more ago, or before the arrival at the job: no word on where the van is now (the second is
        // old news, which the silence hold is for: see aPhoneHeardAMomentAgoWithOldNewsHoldsTheMove).
        assertNull(MoveHold.why(day(new DayState.Fix(NOW.minus(Duration.ofMinutes(11)), 45.54, -122.65), NOW), HOLD));
        assertNull(MoveHold.tapsBehind(day(new DayState.Fix(Instant.parse("2026-03-10T08:50:00Z"), 45.54, -122.65),
                NOW)));
    }

    @Test
    void aFreshFixAtTheDoorOfACustomerNotSetOffForHoldsTheMove() {
        // The job done at 10:00; the van at the next customer's door at 10:29 with no "on the way" read yet.
        Map<UUID, VisitProgress> done = Map.of(JOB, new VisitProgress(Instant.parse("2026-03-10T08:40:00Z"),
                Instant.parse("2026-03-10T09:00:00Z"), Instant.parse("2026-03-10T10:00:00Z"), false));
        DayState.Fix atNext = new DayState.Fix(NOW.minusSeconds(60), 45.5401, -122.6502);
        String why = MoveHold.why(dayWith(done, atNext), HOLD);
        assertTrue(why != null && why.contains("at the door of visit " + NEXT), why);
        // Between the two, or still at the job done: nothing is missing.
        assertNull(MoveHold.why(dayWith(done, new DayState.Fix(NOW.minusSeconds(60), 45.53, -122.65)), HOLD));
        assertNull(MoveHold.why(dayWith(done, new DayState.Fix(NOW.minusSeconds(60), 45.5201, -122.65)), HOLD));
        // "On the way" read: the forecast follows the taps (a visit set off for gets a moved window only once lost).
        Map<UUID, VisitProgress> onTheWay = Map.of(JOB, done.get(JOB),
                NEXT, new VisitProgress(Instant.parse("2026-03-10T10:20:00Z"), null, null, false));
        assertNull(MoveHold.why(dayWith(onTheWay, atNext), HOLD));
    }

    private static DayState dayWith(Map<UUID, VisitProgress> progress, DayState.Fix fix) {
        return new DayState("t", LocalDate.of(2026, 3, 10), 1, 45.5, -122.65, SHIFT, VISITS, progress, fix, NOW,
                Map.of(), null, null, NOW);
    }

    @Test
    void aFreshFixAtTheDoorOfTheCustomerSetOffForMeansTheVanCame() {
        // On the way to NEXT since 10:01; a fix at its door at 10:29: the van came, its "arrived" not read yet.
        Map<UUID, VisitProgress> onTheWay = Map.of(JOB, new VisitProgress(Instant.parse("2026-03-10T08:40:00Z"),
                        Instant.parse("2026-03-10T09:00:00Z"), Instant.parse("2026-03-10T10:00:00Z"), false),
                NEXT, new VisitProgress(Instant.parse("2026-03-10T10:01:00Z"), null, null, false));
        assertTrue(MoveHold.atTheDoor(dayWith(onTheWay, new DayState.Fix(NOW.minusSeconds(60), 45.5401, -122.6502)),
                NEXT));
        // Half way there, or at the door eleven minutes ago: not come yet, as far as anyone knows.
        assertFalse(MoveHold.atTheDoor(dayWith(onTheWay, new DayState.Fix(NOW.minusSeconds(60), 45.53, -122.65)),
                NEXT));
        assertFalse(MoveHold.atTheDoor(dayWith(onTheWay, new DayState.Fix(NOW.minus(Duration.ofMinutes(11)), 45.5401,
                -122.6502)), NEXT));
    }

    @Test
    void aPhoneSendingTapsLongAfterTheyWereTappedHoldsWhatIsToldForAWhile() {
        // "Done" tapped at 10:04, received at 10:29: the phone is back from offline; its next taps may follow.
        DayState.LastHeard late = DayState.LastHeard.tap(NOW.minusSeconds(60), Duration.ofMinutes(25));
        String why = MoveHold.tapsBehind(withTap(late));
        assertTrue(why != null && why.contains("back from offline"), why);
        assertTrue(MoveHold.why(withTap(late), HOLD).contains("back from offline"));
        // The platform's own lag, or three minutes after: nothing held.
        assertNull(MoveHold.tapsBehind(withTap(DayState.LastHeard.tap(NOW.minusSeconds(60), Duration.ofMinutes(4)))));
        assertNull(MoveHold.tapsBehind(withTap(DayState.LastHeard.tap(NOW.minus(Duration.ofMinutes(3)),
                Duration.ofMinutes(25)))));
    }

    /**
     * A phone back from offline sends the fixes it kept before its taps: heard again, it is not silent, yet its newest
     * fix is half an hour old and the taps of that half hour are still on their way.
     */
    @Test
    void aPhoneSendingFixesLongAfterTheyWereTakenHoldsWhatIsToldUntilItsTapsFollow() {
        DayState.LastHeard fixes = new DayState.LastHeard(NOW.minusSeconds(10), Duration.ofMinutes(33), true);
        String why = MoveHold.why(withTap(fixes), HOLD);
        assertTrue(why != null && why.contains("fixes 33 min old") && why.contains("back from offline"), why);
        assertNotNull(MoveHold.tapsBehind(withTap(fixes)), "a first window waits for the taps too");
        // Fixes as a phone on shift sends them, a batch every few seconds: nothing held.
        assertNull(MoveHold.why(withTap(new DayState.LastHeard(NOW.minusSeconds(10), Duration.ofSeconds(40), true)),
                HOLD));
    }

    @Test
    void whatWasHeardLastIsTheLaterOfTheLastTapAndTheLastFixes() {
        DayState.LastHeard tap = DayState.LastHeard.tap(NOW.minusSeconds(60), Duration.ofMinutes(25));
        DayState.LastHeard fixes = new DayState.LastHeard(NOW.minusSeconds(10), Duration.ofSeconds(20), true);
        assertEquals(fixes, DayState.LastHeard.later(tap, fixes));
        assertEquals(tap, DayState.LastHeard.later(tap, new DayState.LastHeard(NOW.minusSeconds(90),
                Duration.ofMinutes(40), true)));
        assertEquals(tap, DayState.LastHeard.later(tap, null));
        assertEquals(fixes, DayState.LastHeard.later(null, fixes));
        assertNull(DayState.LastHeard.later(null, null));
    }

    private static DayState withTap(DayState.LastHeard tap) {
        return new DayState("t", LocalDate.of(2026, 3, 10), 1, 45.5, -122.65, SHIFT, VISITS, AT_THE_JOB,
                new DayState.Fix(NOW.minusSeconds(60), 45.5203, -122.6502), NOW, Map.of(), null, null, NOW, tap);
    }

    @Test
    void aSilentPhoneHoldsTheMove() {
        Instant heard = NOW.minus(Duration.ofMinutes(20));
        String why = MoveHold.why(day(new DayState.Fix(heard, 45.5201, -122.6501), heard), HOLD);
        assertTrue(why != null && why.contains("nothing newer than " + heard), why);
        assertNull(MoveHold.why(day(null, heard), Duration.ZERO), "hold off");
    }

    /**
     * Heard a moment ago, the phone said nothing newer than its arrival at the job an hour and a half ago (a fix
     * taken then, received now): what it said is old, and the move waits for news.
     */
    @Test
    void aPhoneHeardAMomentAgoWithOldNewsHoldsTheMove() {
        DayState day = day(new DayState.Fix(Instant.parse("2026-03-10T09:00:30Z"), 45.5201, -122.6501),
                NOW.minusSeconds(30));
        String why = MoveHold.why(day, HOLD);
        assertTrue(why != null && why.contains("nothing newer than 2026-03-10T09:00:30Z (heard 2026-03-10T10:29:30Z)"),
                why);
        assertNull(MoveHold.why(day(new DayState.Fix(NOW.minus(Duration.ofMinutes(14)), 45.5201, -122.6501),
                NOW.minusSeconds(30)), HOLD), "news 14 min old, within the hold");
    }
}
