package io.fieldcast.dispatch.plan;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.solver.SolutionManager;
import io.fieldcast.dispatch.solver.DispatchConstraints;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.TravelMatrix;
import io.fieldcast.dispatch.solver.Visit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explanation names a broken told window: in the totals and as the visit's "why". Time 0 is 08:00 UTC. */
class PlanAnalyzerToldWindowTest {

    private static final long MIN = 60;
    private static final long HOUR = 60 * MIN;
    private static final Instant EPOCH = Instant.parse("2026-03-04T08:00:00Z");
    /** home → customer 25 min. */
    private static final TravelMatrix MATRIX = new TravelMatrix(new long[][] {{0, 25 * MIN}, {25 * MIN, 0}}, MIN);
    private static final UUID VISIT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void arrivalAfterTheToldWindowIsExplainedAsABrokenToldWindow() {
        // Booked 08:00–12:00, texted 08:00–08:15; the drive takes 25 min: arrives 08:25, 10 min past the told end.
        var shift = new TechnicianShift("ann", 0, 0, 0, 8 * HOUR, 9 * HOUR, MATRIX);
        var visit = new Visit(VISIT.toString(), 1, 0, 4 * HOUR, 30 * MIN, MATRIX).withToldWindow(0, 15 * MIN);
        shift.setVisits(new ArrayList<>(List.of(visit)));
        SolutionManager.updateShadowVariables(DispatchPlan.class, shift, visit);
        var plan = new DispatchPlan(List.of(shift), List.of(visit), ConstraintWeightOverrides.none());
        var input = new PlanInput("t", LocalDate.of(2026, 3, 4), ZoneOffset.UTC, List.of(), List.of());
        var problem = new PlanProblem(input, plan, EPOCH, Map.of(), Map.of());

        var analysis = PlanAnalyzer.analyze(null, problem, plan);

        var total = analysis.constraints().stream()
                .filter(c -> c.constraint().equals(DispatchConstraints.BROKEN_TOLD_WINDOW)).findFirst().orElseThrow();
        assertEquals(10, total.amount());
        assertEquals("soft", total.level());
        var issue = analysis.issues().getFirst();
        assertEquals("TOLD_WINDOW_BROKEN", issue.kind());
        assertEquals(VISIT, issue.appointmentId());
        assertTrue(issue.reasons().getFirst().contains("told 08:00–08:15"), issue.reasons().toString());
        assertTrue(issue.reasons().getFirst().contains("10 min past"), issue.reasons().toString());
    }
}
