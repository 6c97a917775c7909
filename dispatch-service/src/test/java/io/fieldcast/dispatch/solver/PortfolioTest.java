package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A portfolio keeps the best of its runs, each run being the solve its own seed gives alone. */
class PortfolioTest {

    @Test
    void keepsTheBestOfRunsWithTheirOwnSeeds() throws Exception {
        // A step limit instead of a time limit: each seed's run is then the same whenever it runs.
        SolverConfig config = SolverTuning.config(Duration.ofMinutes(1), 11L)
                .withTerminationConfig(new TerminationConfig().withStepCountLimit(400));
        HardMediumSoftScore best = null;
        List<HardMediumSoftScore> alone = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HardMediumSoftScore score = SolverFactory.<DispatchPlan>create(
                    config.copyConfig().withRandomSeed(11L + 7919L * i)).buildSolver().solve(day()).getScore();
            alone.add(score);
            best = best == null || score.compareTo(best) > 0 ? score : best;
        }
        DispatchPlan kept = Portfolio.solve(config, PortfolioTest::day, 3);
        assertEquals(best, kept.getScore(), "the best of " + alone);
    }

    /** Three vans from one depot, 40 customers with windows. */
    private static DispatchPlan day() {
        Random random = new Random(5);
        int places = 41;
        double[][] xy = new double[places][];
        for (int i = 0; i < places; i++) {
            xy[i] = new double[] {random.nextDouble() * 100, random.nextDouble() * 100};
        }
        long[][] ticks = new long[places][places];
        for (int i = 0; i < places; i++) {
            for (int j = 0; j < places; j++) {
                ticks[i][j] = Math.round(Math.hypot(xy[i][0] - xy[j][0], xy[i][1] - xy[j][1]) * 10);
            }
        }
        TravelMatrix matrix = new TravelMatrix(ticks, 1);
        List<TechnicianShift> shifts = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            shifts.add(new TechnicianShift("van-" + s, s, 0, 0, 10_000, 10_000, matrix));
        }
        List<Visit> visits = new ArrayList<>();
        for (int v = 1; v < places; v++) {
            long start = random.nextInt(6000);
            visits.add(new Visit("c" + v, v, start, start + 2500, 100, matrix));
        }
        return new DispatchPlan(shifts, visits, ConstraintWeightOverrides.none());
    }
}
