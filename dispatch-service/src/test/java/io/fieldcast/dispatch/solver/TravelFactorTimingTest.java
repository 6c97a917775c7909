package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.score.stream.test.ConstraintVerifier;
import ai.timefold.solver.core.api.solver.SolutionManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A technician's learned travel factor in the solver's model: time 0 is 08:00 UTC, the shift's start, so a drive
 * leaving before 09:00 is in hour 8. The factor is 1.5 in hour 8 only.
 */
class TravelFactorTimingTest {

    private static final long MIN = 60;
    private static final long HOUR = 60 * MIN;
    private static final int HOME = 0;
    private static final int A = 1;
    private static final int B = 2;
    /** home→A 10 min, A→B 20 min, B→home 30 min; symmetric. */
    private static final TravelMatrix MATRIX = new TravelMatrix(new long[][] {
            {0, 10 * MIN, 30 * MIN},
            {10 * MIN, 0, 20 * MIN},
            {30 * MIN, 20 * MIN, 0},
    }, MIN);
    private static final Instant EPOCH = Instant.parse("2026-03-04T08:00:00Z");
    private static final TravelFactor RUSH_AT_EIGHT = TravelFactor.byLocalHour(rushAtEight(), EPOCH, ZoneOffset.UTC);

    private final ConstraintVerifier<DispatchConstraints, DispatchPlan> verifier = ConstraintVerifier.build(
            new DispatchConstraints(), DispatchPlan.class, TechnicianShift.class, Visit.class);

    private static List<Double> rushAtEight() {
        List<Double> byHour = new ArrayList<>(Collections.nCopies(24, 1.0));
        byHour.set(8, 1.5);
        return byHour;
    }

    private static TechnicianShift shift() {
        return new TechnicianShift("ann", 0, HOME, 0, 8 * HOUR, 9 * HOUR, MATRIX);
    }

    private static Object[] planned(TechnicianShift shift, Visit... visits) {
        shift.setVisits(new ArrayList<>(List.of(visits)));
        List<Object> facts = new ArrayList<>();
        facts.add(shift);
        facts.addAll(List.of(visits));
        Object[] array = facts.toArray();
        SolutionManager.updateShadowVariables(DispatchPlan.class, array);
        return array;
    }

    @Test
    void factorOfOneAndAHalfAtTheDepartureHourMakesArrivalLaterByHalfTheLeg() {
        var asMapped = new Visit("a", A, 0, 8 * HOUR, 30 * MIN, MATRIX);
        planned(shift(), asMapped);
        var rush = new Visit("a", A, 0, 8 * HOUR, 30 * MIN, MATRIX);
        planned(shift().withTravelFactor(RUSH_AT_EIGHT), rush);

        // The 10-minute leg leaves at 08:00 (hour 8, factor 1.5): 15 minutes, 5 (half the leg) later than mapped.
        assertEquals(10 * MIN, asMapped.getTiming().arrival());
        assertEquals(15 * MIN, rush.getTiming().arrival());
        assertEquals(5 * MIN, rush.getTiming().arrival() - asMapped.getTiming().arrival());
        assertEquals(15 * MIN, rush.travelFromPrevious(), "the timeline's travel segment is the scaled leg");
    }

    @Test
    void slowerDriveAtTheDepartureHourIsPenalizedAsLateArrival() {
        // Window closes at 08:12: mapped arrival 08:10 is on time; at 1.5, 08:15 is 3 minutes late.
        var tight = new Visit("a", A, 0, 12 * MIN, 30 * MIN, MATRIX);
        verifier.verifyThat(DispatchConstraints::lateArrival)
                .given(planned(shift().withTravelFactor(RUSH_AT_EIGHT), tight)).penalizesBy(3);
        var onTime = new Visit("a", A, 0, 12 * MIN, 30 * MIN, MATRIX);
        verifier.verifyThat(DispatchConstraints::lateArrival).given(planned(shift(), onTime)).penalizesBy(0);
    }

    @Test
    void travelCostUsesTheFactorOfEachLegsOwnHour() {
        // Out at 08:00 (hour 8): 10 min × 1.5 = 15. At A 08:15–09:15, so the drive home leaves in hour 9: 10 min
        // as mapped. 25 minutes = 1500 soft, where the mapped day drives 20.
        var a = new Visit("a", A, 0, 8 * HOUR, 60 * MIN, MATRIX);
        var shift = shift().withTravelFactor(RUSH_AT_EIGHT);
        verifier.verifyThat(DispatchConstraints::travelTime).given(planned(shift, a)).penalizesBy(25 * MIN);
        assertEquals(85 * MIN, shift.end(), "back at 09:25");
        assertEquals(10 * MIN, shift.returnTravel());
    }

    @Test
    void missingFactorKeepsEveryLegAsMapped() {
        // No learned factor: arrival and travel exactly the matrix's (10 out, 20 across, 30 home = 60 min).
        var a = new Visit("a", A, 0, 8 * HOUR, 0, MATRIX);
        var b = new Visit("b", B, 0, 8 * HOUR, 0, MATRIX);
        var shift = shift();
        verifier.verifyThat(DispatchConstraints::travelTime).given(planned(shift, a, b)).penalizesBy(60 * MIN);
        assertEquals(10 * MIN, a.getTiming().arrival());
        assertEquals(30 * MIN, b.getTiming().arrival());
        assertEquals(60 * MIN, shift.end());
    }

    @Test
    void routeCheckDrivesLikeTheShadowVariables() {
        // The explanation's what-if evaluation must see the same scaled legs as the solver.
        var a = new Visit("a", A, 0, 8 * HOUR, 40 * MIN, MATRIX);
        var b = new Visit("b", B, 0, 8 * HOUR, 10 * MIN, MATRIX);
        var shift = shift().withTravelFactor(RUSH_AT_EIGHT);
        planned(shift, a, b);
        RouteCheck.Violations check = RouteCheck.evaluate(shift, List.of(a, b));
        // 15 (08:00, ×1.5) + 30 (08:55, ×1.5) + 30 home (leaving 09:35, as mapped) = 75 minutes.
        assertEquals(75 * MIN, shift.travelTicks());
        assertEquals(shift.travelTicks(), check.travelTicks());
        assertEquals(shift.end(), check.end());
    }
}
