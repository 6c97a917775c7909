package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.solver.SolverFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A running day where the route sent cannot keep every booked window: three half-hour visits ten minutes apart, all
 * booked to end 80 minutes into the day, so the third is reached ten minutes late whatever the order. A real solve
 * keeps all three on the route (ten minutes late) rather than leave a customer without a visit; the same three
 * visits, never sent, are planned ahead as before (one left out, the least important).
 */
class DroppedFromRouteSolveTest {

    private static final long MINUTE = 60;

    @Test
    void aRunningDayKeepsTheVisitsItsRouteWasSentWith() {
        DispatchPlan solved = solve(true);
        assertEquals(3, solved.getShifts().getFirst().getVisits().size(), "every visit of the route sent is kept");
        assertEquals(-10, solved.getScore().hardScore(), "ten minutes past the third booked window");
        assertEquals(0, solved.getScore().mediumScore());
    }

    @Test
    void aDayPlannedAheadStillLeavesOutWhatCannotBeOnTime() {
        DispatchPlan solved = solve(false);
        assertEquals(2, solved.getShifts().getFirst().getVisits().size());
        assertNull(solved.getVisits().stream().filter(v -> v.getId().equals("c")).findFirst().orElseThrow().getShift(),
                "the least important visit is left out");
        assertEquals(0, solved.getScore().hardScore());
    }

    private static DispatchPlan solve(boolean sent) {
        long[][] ticks = new long[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                ticks[i][j] = i == j ? 0 : 10 * MINUTE;
            }
        }
        TravelMatrix matrix = new TravelMatrix(ticks, MINUTE);
        TechnicianShift shift = new TechnicianShift("ann", 0, 0, 0, 8 * 60 * MINUTE, 9 * 60 * MINUTE, matrix);
        List<Visit> visits = new ArrayList<>();
        String previous = Visit.FIRST;
        for (String id : List.of("a", "b", "c")) {
            Visit v = new Visit(id, visits.size() + 1, 0, 80 * MINUTE, 30 * MINUTE, matrix)
                    .withPriority(id.equals("c") ? 0 : 2);
            if (sent) {
                v.withPublishedAfter("ann", previous);
                previous = id;
            }
            visits.add(v);
        }
        shift.setVisits(new ArrayList<>(visits));
        DispatchPlan plan = new DispatchPlan(new ArrayList<>(List.of(shift)), visits, ConstraintWeightOverrides.none());
        return SolverFactory.<DispatchPlan>create(SolverTuning.config(Duration.ofSeconds(2), 0L)).buildSolver()
                .solve(plan);
    }
}
