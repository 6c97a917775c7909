package io.fieldcast.eta.forecast;

import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.model.ModelTrainer;
import io.fieldcast.eta.model.SyntheticHistory;
import io.fieldcast.eta.road.RoadLeg;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Held-out days of a generated fleet lived through forecaster + publication policy: learned models against no
 * learning (plan durations, road times as mapped) and against the plan-centred baseline window, with told windows
 * that bind (the product's default) and without.
 */
class ForecastEvaluationTest {

    private static final RoadLeg.Timer ROADS = RoadLeg.straightLine(30 / 3.6, 1.3);
    /** Monte Carlo days per forecast: half the service's default, plenty for 60-minute quantiles here. */
    private static final int SAMPLES = 500;

    @Test
    void learnedWindowsHitMoreOftenThanThePlanBaseline() {
        // 12 technicians x 3 held-out days (216 visits): the margins asserted below are 2-3 times the noise of that.
        SyntheticHistory fleet = new SyntheticHistory(7, 12);
        LearnedModel learned = ModelTrainer.standard("shrinkage").train("v", Instant.EPOCH, fleet.services(120),
                fleet.travel(120), 1, p -> { });
        List<ReplayEvaluation.TrueDay> days = SyntheticFleetDays.days(fleet, 12, 3, ROADS, 3);
        var forecaster = new ArrivalForecaster(ROADS, SAMPLES, Duration.ofMinutes(60), Duration.ofMinutes(5),
                ZoneOffset.UTC);
        var replay = new ReplayEvaluation(forecaster, new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1),
                Duration.ofMinutes(5), Duration.ofMinutes(60), Duration.ofMinutes(60));

        ReplayEvaluation.Result withLearning = replay.evaluate(days, learned);
        ReplayEvaluation.Result untrained = replay.evaluate(days, LearnedModel.untrained());
        System.out.println(withLearning.line("learned"));
        System.out.println(untrained.line("untrained"));

        assertTrue(withLearning.hitRate() > withLearning.baselineHitRate() + 0.2, withLearning.line("learned"));
        assertTrue(withLearning.hitRate() >= untrained.hitRate(), withLearning.line("learned"));
        assertEquals(0, withLearning.idleMinutesPerDay(), 1e-9, "windows that do not bind cost no waiting");
    }

    @Test
    void bindingToldWindowsReachTheTargetWithAnHourOfLeadAtAFewIdleMinutes() {
        SyntheticHistory fleet = new SyntheticHistory(7, 20);
        LearnedModel learned = ModelTrainer.standard("shrinkage").train("v", Instant.EPOCH, fleet.services(120),
                fleet.travel(120), 1, p -> { });
        List<ReplayEvaluation.TrueDay> days = SyntheticFleetDays.days(fleet, 20, 3, ROADS, 3);
        var forecaster = new ArrivalForecaster(ROADS, SAMPLES, Duration.ofMinutes(60), Duration.ofMinutes(5),
                ZoneOffset.UTC, 0.9);
        var policy = new PublicationPolicy(0.9, Duration.ofMinutes(15), 0.1, Duration.ofMinutes(5));
        var replay = new ReplayEvaluation(forecaster, policy, Duration.ofMinutes(5), Duration.ofMinutes(60),
                Duration.ofMinutes(60));
        var open = new ReplayEvaluation(new ArrivalForecaster(ROADS, SAMPLES, Duration.ofMinutes(60),
                Duration.ofMinutes(5), ZoneOffset.UTC), policy, Duration.ofMinutes(5), Duration.ofMinutes(60),
                Duration.ofMinutes(60));

        ReplayEvaluation.Result bound = replay.evaluate(days, learned);
        ReplayEvaluation.Result free = open.evaluate(days, learned);
        System.out.println(bound.line("bound"));
        System.out.println(free.line("open"));

        // The target, on 360 visits: hit rate >= 0.9 at coverage >= 0.8 (free windows reach ~0.5 coverage).
        assertTrue(bound.coverage() >= 0.8 && bound.coverage() > free.coverage() + 0.2, bound.line("bound"));
        assertTrue(bound.hitRate() >= 0.88, bound.line("bound"));
        assertTrue(bound.hitRate() > bound.baselineHitRate() + 0.15, bound.line("bound"));
        // Waiting is the price, and it stays small: under 20 minutes per technician day, a 5 % longer day at most.
        assertTrue(bound.idleMinutesPerDay() > 0 && bound.idleMinutesPerDay() < 20, bound.line("bound"));
        assertTrue(bound.dayMinutes() < free.dayMinutes() * 1.05, bound.line("bound") + " / " + free.line("open"));
    }
}
