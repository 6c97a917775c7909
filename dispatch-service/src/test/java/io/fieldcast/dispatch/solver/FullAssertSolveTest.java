package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A full solve in FULL_ASSERT: every move's incremental score is checked against a score from scratch, which
 * catches shadow-variable and constraint bugs. Slow, so only with {@code -Dfieldcast.fullAssert=true}.
 */
@EnabledIfSystemProperty(named = "fieldcast.fullAssert", matches = "true")
class FullAssertSolveTest {

    @Test
    void aDayWithSkillsBreaksPinsFrozenToldVisitsAndTravelFactorsSolvesWithConsistentScores() {
        Random random = new Random(3);
        int places = 4 + 24;
        long[][] ticks = new long[places][places];
        double[][] xy = new double[places][2];
        for (int i = 0; i < places; i++) {
            xy[i] = new double[] {random.nextDouble() * 20, random.nextDouble() * 20};
        }
        for (int i = 0; i < places; i++) {
            for (int j = 0; j < places; j++) {
                ticks[i][j] = Math.round(Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]) * 120);
            }
        }
        TravelMatrix matrix = new TravelMatrix(ticks, 60);
        // Tick 0 is 08:00 UTC; t0 and t3 drive slower in the morning rush and faster at noon: travel cost then
        // depends on each leg's departure, which FULL_ASSERT must find consistent too.
        List<Double> rush = new ArrayList<>(Collections.nCopies(24, 1.0));
        rush.set(8, 1.4);
        rush.set(9, 1.2);
        rush.set(12, 0.8);
        TravelFactor learned = TravelFactor.byLocalHour(rush, Instant.parse("2026-03-04T08:00:00Z"),
                ZoneOffset.UTC);
        List<TechnicianShift> shifts = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            shifts.add(new TechnicianShift("t" + s, s, s, 0, 8 * 3600, 9 * 3600, matrix)
                    .withSkills(s % 2 == 0 ? Map.of("fiber", 2) : Map.of())
                    .withBreak(3 * 3600, 5 * 3600, 1800, false)
                    .withTravelFactor(s == 0 || s == 3 ? learned : TravelFactor.AS_MAPPED));
        }
        List<Visit> visits = new ArrayList<>();
        for (int v = 0; v < 24; v++) {
            long start = (v % 4) * 2 * 3600L;
            Visit visit = new Visit("v" + v, 4 + v, start, start + (v % 3 == 0 ? 4 : 2) * 3600L,
                    (20 + random.nextInt(40)) * 60L, matrix).withPriority(1 + v % 5).withSpread(600)
                    .withRequiredSkills(v % 5 == 0 ? Map.of("fiber", 2) : Map.of());
            if (v == 7) {
                visit.withPin("t1", 0);
            }
            if (v % 6 == 1) {
                // Told a window and sent to a technician already: moves and lateness cost, as in a running day.
                visit.withToldWindow(start + 1800, start + 5400).withPublished("t" + (v % 4));
            }
            if (v % 7 == 2) {
                visit.withPreferredTechnician("t2");
            }
            visits.add(visit);
        }
        // t3 has started its first visit: it stays first with fixed times.
        Visit started = visits.get(23).withFixedTimes(600, 3000);
        shifts.get(3).setVisits(new ArrayList<>(List.of(started)));
        shifts.get(3).withFrozenCount(1);

        var config = SolverTuning.config(Duration.ofSeconds(20), 1L)
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withTerminationConfig(new TerminationConfig().withMoveCountLimit(20_000L));
        DispatchPlan solved = SolverFactory.<DispatchPlan>create(config).buildSolver()
                .solve(new DispatchPlan(shifts, visits, ConstraintWeightOverrides.none()));
        assertNotNull(solved.getScore());
    }
}
