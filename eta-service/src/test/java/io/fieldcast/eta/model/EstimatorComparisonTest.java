package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both estimators on generated history, scored on fresh visits of the same fleet (README "Model choice"). */
class EstimatorComparisonTest {

    private static final int TECHNICIANS = 30;

    @Test
    void shrinkageIsCalibratedAndAtLeastAsGoodAsBoostingOnServiceTimes() {
        SyntheticHistory fleet = new SyntheticHistory(11, TECHNICIANS);
        List<Observation> train = fleet.services(120);
        List<Observation> test = fleet.services(60);

        Evaluation shrinkage = Evaluation.of("service/shrinkage", new ShrinkageEstimator().fit(train), test);
        Evaluation boost = Evaluation.of("service/gradient-boost", new GradientBoostEstimator().fit(train), test);
        System.out.println("MODEL " + shrinkage + "\nMODEL " + boost);

        // An 80 % interval should hold ~80 % of fresh visits; 0.05 allows for the 1,600-visit sample and the tail.
        assertEquals(0.80, shrinkage.coverage80(), 0.05);
        assertTrue(shrinkage.pinball() <= boost.pinball() * 1.02, shrinkage + " vs " + boost);
    }

    @Test
    void travelFactorsFollowRushHourPerTechnician() {
        SyntheticHistory fleet = new SyntheticHistory(12, TECHNICIANS);
        List<Observation> train = fleet.travel(150);
        List<Observation> test = fleet.travel(60);

        Evaluation shrinkage = Evaluation.of("travel/shrinkage", new ShrinkageEstimator().fit(train), test);
        Evaluation boost = Evaluation.of("travel/gradient-boost", new GradientBoostEstimator().fit(train), test);
        System.out.println("MODEL " + shrinkage + "\nMODEL " + boost);

        assertEquals(0.80, shrinkage.coverage80(), 0.05);
        Quantiles rush = new ShrinkageEstimator().fit(train).predict("tech-01", "17");
        Quantiles midday = new ShrinkageEstimator().fit(train).predict("tech-01", "13");
        assertTrue(rush.p50() > midday.p50() * 1.2, "evening peak must be slower: " + rush + " vs " + midday);
    }

    @Test
    void autoPicksTheLowerPinballAndFallsBackToTheFleetForStrangers() {
        SyntheticHistory fleet = new SyntheticHistory(13, 12);
        LearnedModel model = ModelTrainer.standard(ModelTrainer.AUTO).train("v1", Instant.EPOCH,
                fleet.services(80), fleet.travel(80), 1, p -> { });

        Evaluation service = model.evaluations().stream().filter(e -> e.method().startsWith("service/"))
                .min((a, b) -> Double.compare(a.pinball(), b.pinball())).orElseThrow();
        assertEquals("service/" + model.serviceMethod(), service.method());
        Quantiles stranger = model.service("nobody", "install", 10);
        // The fleet's install median is near the generated 90 min, not the 10 planned minutes.
        assertEquals(90, stranger.p50(), 20);
        assertEquals(24, model.fleetTravel().size());
    }
}
