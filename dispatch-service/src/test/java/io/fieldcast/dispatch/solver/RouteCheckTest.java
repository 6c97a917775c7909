package io.fieldcast.dispatch.solver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteCheckTest {

    private static final long MIN = 60;
    /** Home, A 10 min away, B 5 min from A and 15 min from home. */
    private static final TravelMatrix MATRIX = new TravelMatrix(new long[][] {
            {0, 10 * MIN, 15 * MIN},
            {10 * MIN, 0, 5 * MIN},
            {15 * MIN, 5 * MIN, 0},
    }, MIN);

    @Test
    void optionsRankPlacesByTheHardRulesTheyWouldBreak() {
        var shift = new TechnicianShift("ann", 0, 0, 0, 8 * 60 * MIN, 9 * 60 * MIN, MATRIX);
        // A fills 0:10–2:10; B's window closes at 1:00.
        var a = new Visit("a", 1, 0, 10 * 60 * MIN, 120 * MIN, MATRIX);
        shift.setVisits(new ArrayList<>(List.of(a)));
        var b = new Visit("b", 2, 0, 60 * MIN, 30 * MIN, MATRIX);

        List<RouteCheck.Option> options = RouteCheck.options(shift, b);
        // Before A: B at 0:15, A at 0:50 — nothing broken, 10 min more driving (15+5+10 vs 10+10).
        assertEquals(0, options.getFirst().position());
        assertTrue(options.getFirst().addedHard().isEmpty(), options.getFirst().toString());
        assertEquals(10 * MIN, options.getFirst().extraTravel());
        // After A: B reached at 2:15, 75 minutes after its window closed.
        assertEquals(Map.of(DispatchConstraints.LATE_ARRIVAL, 75L), options.get(1).addedHard());
    }

    @Test
    void evaluationMatchesTheShadowVariables() {
        var shift = new TechnicianShift("ann", 0, 0, 0, 60 * MIN, 70 * MIN, MATRIX);
        var a = new Visit("a", 1, 0, 5 * MIN, 50 * MIN, MATRIX);
        // Arrives 0:10 (5 min late), leaves 1:00, home 1:10: on the hard end, 10 min of overtime.
        var check = RouteCheck.evaluate(shift, List.of(a));
        assertEquals(Map.of(DispatchConstraints.LATE_ARRIVAL, 5L), check.hard());
        assertEquals(70 * MIN, check.end());
        assertEquals(20 * MIN, check.travelTicks());
    }
}
