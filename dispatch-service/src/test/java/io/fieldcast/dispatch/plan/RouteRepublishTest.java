package io.fieldcast.dispatch.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which re-planned routes are worth sending again: signatures are "visit@minute;" in route order. */
class RouteRepublishTest {

    private static final Duration MOVE = Duration.ofMinutes(15);
    private static final Set<String> OPEN = Set.of("a", "b", "c");

    @Test
    void arrivalsDriftingLessThanTheMaterialMoveAreNotResent() {
        // b moves 14 minutes: under the 15-minute bar.
        assertFalse(PlanPublisher.materiallyDifferent("a@600;b@660;", "a@601;b@674;", MOVE, OPEN));
    }

    @Test
    void anArrivalMovingFifteenMinutesIsResent() {
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;", "a@600;b@675;", MOVE, OPEN));
    }

    @Test
    void theWholeRestOfTheDayRunningLateIsDriftNotANewRoute() {
        // Both visits 40 minutes later: the technician is behind, the plan is the same.
        assertFalse(PlanPublisher.materiallyDifferent("a@600;b@660;", "a@640;b@700;", MOVE, OPEN));
        // 40 minutes later, and b 15 minutes further apart from a: the plan changed between them.
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;", "a@640;b@715;", MOVE, OPEN));
    }

    @Test
    void theRestOfTheDayRunningLateBehindAJobUnderWayIsDrift() {
        // a is under way: its arrival is the real one. b and c both 30 minutes later: the job runs long.
        assertFalse(PlanPublisher.materiallyDifferent("a@600;b@660;c@720;", "a@600;b@690;c@750;", MOVE, OPEN,
                Set.of("a")));
        // Not under way, a's time anchors the drift: b and c moved against it.
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;c@720;", "a@600;b@690;c@750;", MOVE, OPEN));
        // Behind the job under way, c moved 15 minutes against b: that is a change.
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;c@720;", "a@600;b@690;c@765;", MOVE, OPEN,
                Set.of("a")));
        // The order still counts for a visit under way.
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;", "b@660;a@600;", MOVE, OPEN, Set.of("a")));
    }

    @Test
    void aToldVisitsArrivalFollowingItsToldWindowIsNotANewRoute() {
        // b's customer was told a window that moved 45 minutes later; its planned arrival follows it. The phone shows
        // the told window, and a, c and the order are what they were.
        assertFalse(PlanPublisher.materiallyDifferent("a@600;b@660;c@720;", "a@600;b@705;c@720;", MOVE, OPEN,
                Set.of("b")));
        // Untold, the same 45 minutes are a new route.
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;c@720;", "a@600;b@705;c@720;", MOVE, OPEN));
        // c, untold, moving against a still counts with b told.
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;c@720;", "a@600;b@705;c@740;", MOVE, OPEN,
                Set.of("b")));
        // A told visit taken off the route or put elsewhere in it still counts.
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;c@720;", "a@600;c@720;b@760;", MOVE, OPEN,
                Set.of("b")));
    }

    @Test
    void anotherOrderOrAnotherVisitIsResent() {
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;", "b@600;a@660;", MOVE, OPEN));
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;", "a@600;b@660;c@700;", MOVE, OPEN));
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;", "a@600;", MOVE, OPEN), "b moved away");
    }

    @Test
    void visitsDoneSinceTheLastRouteDoNotCount() {
        // a was completed (no longer open): the rest of the route is what it was.
        assertFalse(PlanPublisher.materiallyDifferent("a@600;b@660;c@720;", "b@662;c@725;", MOVE, Set.of("b", "c")));
    }

    @Test
    void aVisitCanceledSinceTheLastRouteIsAChange() {
        // a was canceled: the caller counts it with the open ones, so the phone gets the route without it.
        assertTrue(PlanPublisher.materiallyDifferent("a@600;b@660;", "b@662;", MOVE, Set.of("a", "b")));
    }

    @Test
    void nothingSentYetIsAlwaysSent() {
        assertTrue(PlanPublisher.materiallyDifferent(null, "a@600;", MOVE, OPEN));
        assertTrue(PlanPublisher.materiallyDifferent("a@-;", "a@600;", MOVE, OPEN), "a planned time appeared");
    }
}
