package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.score.stream.test.ConstraintVerifier;
import ai.timefold.solver.core.api.solver.SolutionManager;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One test per constraint. Ticks are seconds; time 0 is the start of the shift (08:00). */
class DispatchConstraintsTest {

    private static final long MIN = 60;
    private static final long HOUR = 60 * MIN;
    private static final int HOME = 0;
    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 3;
    /** home→A 10 min, A→B 5 min, B→home 15 min, home→C 20 min, A→C 8 min, B→C 12 min; symmetric. */
    private static final TravelMatrix MATRIX = new TravelMatrix(new long[][] {
            {0, 10 * MIN, 15 * MIN, 20 * MIN},
            {10 * MIN, 0, 5 * MIN, 8 * MIN},
            {15 * MIN, 5 * MIN, 0, 12 * MIN},
            {20 * MIN, 8 * MIN, 12 * MIN, 0},
    }, MIN);
    private static final long ALL_DAY = 10 * HOUR;

    private final ConstraintVerifier<DispatchConstraints, DispatchPlan> verifier = ConstraintVerifier.build(
            new DispatchConstraints(), DispatchPlan.class, TechnicianShift.class, Visit.class);

    private static TechnicianShift shift(String technician, int index) {
        return new TechnicianShift(technician, index, HOME, 0, 8 * HOUR, 9 * HOUR, MATRIX);
    }

    private static Visit visit(String id, int place, long windowStart, long windowEnd, long duration) {
        return new Visit(id, place, windowStart, windowEnd, duration, MATRIX);
    }

    private static Visit anytime(String id, int place) {
        return visit(id, place, 0, ALL_DAY, 30 * MIN);
    }

    /** Puts the visits on the shift in order and computes every shadow variable, as the solver would. */
    private static Object[] route(TechnicianShift shift, Visit... visits) {
        shift.setVisits(new ArrayList<>(List.of(visits)));
        List<Object> facts = new ArrayList<>();
        facts.add(shift);
        facts.addAll(List.of(visits));
        return facts.toArray();
    }

    private static Object[] all(Object[]... groups) {
        List<Object> facts = new ArrayList<>();
        for (Object[] g : groups) {
            facts.addAll(List.of(g));
        }
        Object[] array = facts.toArray();
        SolutionManager.updateShadowVariables(DispatchPlan.class, array);
        return array;
    }

    // ---- Hard ----

    @Test
    void skillBelowRequiredLevelPenalizedOncePerVisit() {
        var fiber2 = anytime("fiber", A).withRequiredSkills(Map.of("fiber", 2));
        var junior = shift("ann", 0).withSkills(Map.of("fiber", 1));
        verifier.verifyThat(DispatchConstraints::requiredSkills).given(all(route(junior, fiber2))).penalizesBy(1);

        var fiber2b = anytime("fiber", A).withRequiredSkills(Map.of("fiber", 2));
        var senior = shift("bob", 0).withSkills(Map.of("fiber", 3, "copper", 1));
        verifier.verifyThat(DispatchConstraints::requiredSkills).given(all(route(senior, fiber2b))).penalizesBy(0);
    }

    @Test
    void lateArrivalPenalizedByMinutesLateRoundedUp() {
        // Leaves at 0, drives 10 min to A: window closes at 3 min, so 7 minutes late.
        var tight = visit("tight", A, 0, 3 * MIN, 30 * MIN);
        verifier.verifyThat(DispatchConstraints::lateArrival).given(all(route(shift("ann", 0), tight)))
                .penalizesBy(7);

        // Arrives at 10:00 against a window closing at 09:59:30: half a minute late still counts as 1.
        var halfMinute = visit("half", A, 0, 10 * MIN - 30, 30 * MIN);
        verifier.verifyThat(DispatchConstraints::lateArrival).given(all(route(shift("bob", 0), halfMinute)))
                .penalizesBy(1);
    }

    @Test
    void waitingForTheWindowIsNotLate() {
        // Arrives at 10 min, waits until the window opens at 2 h: not late, and the next visit starts later.
        var later = visit("later", A, 2 * HOUR, 3 * HOUR, 30 * MIN);
        var next = visit("next", B, 0, 2 * HOUR + 30 * MIN, 30 * MIN);
        // Starts A at 2:00, leaves 2:30, B at 2:35: 5 minutes past B's window.
        verifier.verifyThat(DispatchConstraints::lateArrival).given(all(route(shift("ann", 0), later, next)))
                .penalizesBy(5);
    }

    @Test
    void toldWindowStartHoldsTheVisitBackLikeTheBookedStart() {
        // Booked 0–4 h, but the customer was texted 2 h–3 h: arrives at 10 min, waits, rings at 2:00, leaves at
        // 2:30, reaches B at 2:35 against B's window closing at 2:30 → 5 minutes late, as with a booked start at 2 h.
        var told = visit("told", A, 0, 4 * HOUR, 30 * MIN).withToldWindow(2 * HOUR, 3 * HOUR);
        var next = visit("next", B, 0, 2 * HOUR + 30 * MIN, 30 * MIN);
        verifier.verifyThat(DispatchConstraints::lateArrival).given(all(route(shift("ann", 0), told, next)))
                .penalizesBy(5);
        Assertions.assertEquals(10 * MIN, told.getTiming().arrival());
        Assertions.assertEquals(2 * HOUR, told.getTiming().start());
    }

    @Test
    void earliestStartIsTheLaterOfBookedAndToldStart() {
        // Told 0:00–1:00 but booked from 2 h: the booked start still holds the visit back.
        var bookedLater = visit("booked-later", A, 2 * HOUR, 4 * HOUR, 30 * MIN).withToldWindow(0, HOUR);
        // Never told: starts on arrival at 10 min, as before.
        var neverTold = visit("never-told", A, 0, 4 * HOUR, 30 * MIN);
        all(route(shift("ann", 0), bookedLater), route(shift("bob", 1), neverTold));
        Assertions.assertEquals(2 * HOUR, bookedLater.getTiming().start());
        Assertions.assertEquals(10 * MIN, neverTold.getTiming().start());
    }

    @Test
    void returningAfterHardEndPenalizedByMinutes() {
        // 10 min to A, 8 h 55 min of work, 10 min back: home at 9 h 15 min against a 9 h hard end.
        var longJob = visit("long", A, 0, ALL_DAY, 8 * HOUR + 55 * MIN);
        verifier.verifyThat(DispatchConstraints::shiftHardEnd).given(all(route(shift("ann", 0), longJob)))
                .penalizesBy(15);
    }

    @Test
    void breakStartedAfterItsWindowPenalizedByMinutes() {
        // Break of 30 min allowed to start between 3 h and 4 h. A job from 2:10 to 4:40 pushes it to 4:40,
        // and the day goes on past 4 h, so the break starts 40 minutes late.
        var job = visit("job", A, 2 * HOUR + 10 * MIN, ALL_DAY, 2 * HOUR + 30 * MIN);
        var after = anytime("after", B);
        var ann = shift("ann", 0).withBreak(3 * HOUR, 4 * HOUR, 30 * MIN, false);
        verifier.verifyThat(DispatchConstraints::breakLate).given(all(route(ann, job, after))).penalizesBy(40);
    }

    @Test
    void breakTakenWhileWaitingForAWindowIsOnTime() {
        // Arrives at A at 10 min, the window opens at 4 h: the break fits in the wait from 3 h.
        var waiting = visit("waiting", A, 4 * HOUR, 5 * HOUR, 30 * MIN);
        var ann = shift("ann", 0).withBreak(3 * HOUR, 4 * HOUR, 30 * MIN, false);
        var facts = all(route(ann, waiting));
        verifier.verifyThat(DispatchConstraints::breakLate).given(facts).penalizesBy(0);
        Assertions.assertEquals(3 * HOUR, waiting.getTiming().breakStart());
    }

    @Test
    void shortDayNeedsNoBreak() {
        // Home again at 1 h 10 min, well before the break window closes: no break, no penalty.
        var ann = shift("ann", 0).withBreak(3 * HOUR, 4 * HOUR, 30 * MIN, false);
        verifier.verifyThat(DispatchConstraints::breakLate).given(all(route(ann, anytime("one", A))))
                .penalizesBy(0);
    }

    @Test
    void pinnedVisitWithAnotherTechnicianPenalized() {
        var pinned = anytime("pinned", A).withPin("ann", 0);
        verifier.verifyThat(DispatchConstraints::pinnedTechnician).given(all(route(shift("bob", 0), pinned)))
                .penalizesBy(1);
        var pinnedToAnn = anytime("pinned", A).withPin("ann", 0);
        verifier.verifyThat(DispatchConstraints::pinnedTechnician).given(all(route(shift("ann", 0), pinnedToAnn)))
                .penalizesBy(0);
    }

    @Test
    void pinnedVisitsInReverseOrderPenalizedOncePerPair() {
        var first = anytime("first", A).withPin("ann", 0);
        var second = anytime("second", B).withPin("ann", 1);
        var loose = anytime("loose", C);
        // second, loose, first: the pinned pair is reversed; the unpinned visit does not matter.
        verifier.verifyThat(DispatchConstraints::pinnedOrder)
                .given(all(route(shift("ann", 0), second, loose, first))).penalizesBy(1);
    }

    @Test
    void demandOverCapacityPenalizedByTheExcess() {
        var ann = shift("ann", 0).withCapacity(10);
        verifier.verifyThat(DispatchConstraints::capacity)
                .given(all(route(ann, anytime("a", A).withDemand(6), anytime("b", B).withDemand(7))))
                .penalizesBy(3);
    }

    @Test
    void aVisitOfARunningDayLeftOutOfEveryRouteCostsTwoHoursLate() {
        var sent = anytime("sent", A).withPublishedAfter("ann", Visit.FIRST);
        var neverSent = anytime("never-sent", B);
        var kept = anytime("kept", C).withPublishedAfter("ann", "sent");
        // Only the visit the route was sent with counts (once, at the constraint's weight of 120 hard); one never on a
        // route (a new booking) is medium only.
        verifier.verifyThat(DispatchConstraints::droppedFromRoute)
                .given(all(route(shift("ann", 0), kept), new Object[] {sent, neverSent}))
                .penalizesBy(1);
        verifier.verifyThat(DispatchConstraints::droppedFromRoute)
                .given(all(route(shift("ann", 0), sent, kept), new Object[] {neverSent}))
                .penalizesBy(0);
    }

    @Test
    void aToldVisitLeftOutOfEveryRouteCostsADayLate() {
        var told = anytime("told", A).withPublishedAfter("ann", Visit.FIRST).withToldWindow(3_600, 7_200);
        var kept = anytime("kept", C).withPublishedAfter("ann", "told");
        verifier.verifyThat(DispatchConstraints::droppedFromRoute)
                .given(all(route(shift("ann", 0), kept), new Object[] {told}))
                .penalizesBy(DispatchConstraints.DROPPED_TOLD_FACTOR);
    }

    // ---- Medium ----

    @Test
    void unassignedVisitPenalizedByOnePlusPriority() {
        var left = anytime("left", A).withPriority(2);
        var served = anytime("served", B).withPriority(5);
        // Only the unassigned visit counts: 1 + priority 2.
        verifier.verifyThat(DispatchConstraints::unassigned).given(all(route(shift("ann", 0), served), new Object[] {left}))
                .penalizesBy(3);
    }

    // ---- Soft ----

    @Test
    void travelTimeIsEverySecondDrivenIncludingTheWayHome() {
        // home→A 600 s, A→B 300 s, B→home 900 s.
        verifier.verifyThat(DispatchConstraints::travelTime)
                .given(all(route(shift("ann", 0), anytime("a", A), anytime("b", B)))).penalizesBy(1800);
        verifier.verifyThat(DispatchConstraints::travelTime).given(all(route(shift("idle", 0)))).penalizesBy(0);
    }

    @Test
    void overtimePenalizedByMinutesPastSoftEnd() {
        // 10 min there, 7 h 55 min of work, 10 min back: 8 h 15 min against an 8 h soft end.
        var job = visit("job", A, 0, ALL_DAY, 7 * HOUR + 55 * MIN);
        verifier.verifyThat(DispatchConstraints::overtime).given(all(route(shift("ann", 0), job))).penalizesBy(15);
    }

    @Test
    void thinSlackAfterUncertainWorkPenalizedByTheShortfall() {
        // A runs 0:10–0:40 and may run 20 min over; B is reached at 0:45 with its window closing at 0:50:
        // 5 min of slack against 20 min of spread → 15.
        var uncertain = anytime("uncertain", A).withSpread(20 * MIN);
        var next = visit("next", B, 0, 50 * MIN, 30 * MIN);
        verifier.verifyThat(DispatchConstraints::windowRisk)
                .given(all(route(shift("ann", 0), uncertain, next))).penalizesBy(15);
    }

    @Test
    void arrivalAfterTheToldWindowPenalizedByMinutesPastItsEnd() {
        // Arrives at A at 10 min; the customer was texted 0:00–0:03 → 7 minutes past the told end (booked window
        // 0–4 h is kept: no hard penalty, see the assertion below).
        var broken = visit("broken", A, 0, 4 * HOUR, 30 * MIN).withToldWindow(0, 3 * MIN);
        var facts = all(route(shift("ann", 0), broken));
        verifier.verifyThat(DispatchConstraints::brokenToldWindow).given(facts).penalizesBy(7);
        verifier.verifyThat(DispatchConstraints::lateArrival).given(facts).penalizesBy(0);
    }

    @Test
    void arrivalInsideTheToldWindowOrNeverToldIsNotPenalized() {
        // Arrives at 10 min inside the told 0:00–1:00. The second, never told, reaches B at 0:45 after its booked
        // window closed at 0:20: late (a hard matter), but no told window is broken. So 0.
        var inside = visit("inside", A, 0, 4 * HOUR, 30 * MIN).withToldWindow(0, HOUR);
        var neverTold = visit("never-told", B, 0, 20 * MIN, 30 * MIN);
        verifier.verifyThat(DispatchConstraints::brokenToldWindow)
                .given(all(route(shift("ann", 0), inside, neverTold))).penalizesBy(0);
    }

    @Test
    void thinSlackBeforeTheToldEndPenalizedByTheShortfall() {
        // A runs 0:10–0:40 and may run 20 min over; B is reached at 0:45, its told window 0:30–0:55 ends 10 min
        // later: 10 min of slack against 20 min of spread → 10. The booked window (all day) is not at risk.
        var uncertain = anytime("uncertain", A).withSpread(20 * MIN);
        var told = visit("told", B, 0, ALL_DAY, 30 * MIN).withToldWindow(30 * MIN, 55 * MIN);
        verifier.verifyThat(DispatchConstraints::toldWindowRisk)
                .given(all(route(shift("ann", 0), uncertain, told))).penalizesBy(10);
    }

    @Test
    void toldWindowRiskIsZeroWhenNeverToldOrAlreadyBroken() {
        // Same day, B never told: no told window to risk. C told 0:00–0:30 but reached at 0:48 (A 0:10–0:40, 8 min
        // on): broken already, which brokenToldWindow counts, not this.
        var uncertain = anytime("uncertain", A).withSpread(20 * MIN);
        var untold = visit("untold", B, 0, ALL_DAY, 30 * MIN);
        verifier.verifyThat(DispatchConstraints::toldWindowRisk)
                .given(all(route(shift("ann", 0), uncertain, untold))).penalizesBy(0);
        var uncertain2 = anytime("uncertain", A).withSpread(20 * MIN);
        var broken = visit("broken", C, 0, ALL_DAY, 30 * MIN).withToldWindow(0, 30 * MIN);
        verifier.verifyThat(DispatchConstraints::toldWindowRisk)
                .given(all(route(shift("bob", 0), uncertain2, broken))).penalizesBy(0);
    }

    @Test
    void toldVisitMovedAwayFromItsTechnicianPenalizedOnceUntoldMovesAreNot() {
        var told = anytime("told", A).withPublished("ann").withToldWindow(0, HOUR);
        var untold = anytime("untold", B).withPublished("ann");
        var toldStays = anytime("told-stays", C).withPublished("bob").withToldWindow(0, 2 * HOUR);
        // Both "told" and "untold" left Ann for Bob, but only the customer of "told" holds a promise of Ann's route.
        verifier.verifyThat(DispatchConstraints::toldVisitMoved)
                .given(all(route(shift("bob", 0), told, untold, toldStays))).penalizesBy(1);
    }

    @Test
    void otherThanPreferredTechnicianPenalized() {
        var regular = anytime("regular", A).withPreferredTechnician("ann");
        verifier.verifyThat(DispatchConstraints::preferredTechnician)
                .given(all(route(shift("bob", 0), regular))).penalizesBy(1);
    }

    @Test
    void visitMovedAwayFromTheTechnicianItWasSentToPenalizedOnce() {
        var moved = anytime("moved", A).withPublished("ann");
        var stays = anytime("stays", B).withPublished("bob");
        var fresh = anytime("fresh", C);
        // Only "moved" changed technician; a visit never sent to anyone is free to go anywhere.
        verifier.verifyThat(DispatchConstraints::stability)
                .given(all(route(shift("bob", 0), moved, stays, fresh))).penalizesBy(1);
    }

    @Test
    void visitsPutAfterAnotherVisitThanOnTheRouteSentPenalizedEach() {
        var a = anytime("a", A).withPublishedAfter("ann", Visit.FIRST);
        var b = anytime("b", B).withPublishedAfter("ann", "a");
        var c = anytime("c", C).withPublishedAfter("ann", "b");
        // Sent a, b, c; now a, c, b: c after a and b after c are new, a is still first.
        verifier.verifyThat(DispatchConstraints::routeReordered)
                .given(all(route(shift("ann", 0), a, c, b))).penalizesBy(2);
        // The same order as sent costs nothing; on another technician's route the move is the stability rule's.
        verifier.verifyThat(DispatchConstraints::routeReordered)
                .given(all(route(shift("ann", 0), a, b, c))).penalizesBy(0);
        verifier.verifyThat(DispatchConstraints::routeReordered)
                .given(all(route(shift("bob", 0), c, b, a))).penalizesBy(0);
    }

    @Test
    void unevenWorkloadPenalizedByItsUnfairness() {
        // Ann works 0–50 min (10 there, 30 on site, 10 back); Bob is idle. Loads 50 and 0 around a mean of 25:
        // sqrt(25² + 25²) = 35.36 → 35.
        verifier.verifyThat(DispatchConstraints::fairness)
                .given(all(route(shift("ann", 0), anytime("a", A)), route(shift("bob", 1))))
                .penalizesBy(35);
    }
}
