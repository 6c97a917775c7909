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
    void autoKeepsShrinkageUnlessAChallengerIsClearlyBetterAndFallsBackToTheFleetForStrangers() {
        SyntheticHistory fleet = new SyntheticHistory(13, 12);
        LearnedModel model = ModelTrainer.standard(ModelTrainer.AUTO).train("v1", Instant.EPOCH,
                fleet.services(80), fleet.travel(80), 1, p -> { });

        Evaluation shrinkage = evaluation(model, "service/shrinkage");
        Evaluation boost = evaluation(model, "service/gradient-boost");
        assertEquals(shrinkage.observations(), boost.observations(), "both scored on the same held-out split");
        assertEquals("shrinkage", model.serviceMethod(), "shrinkage " + shrinkage + " vs " + boost);
        boolean confirmed = model.evaluations().stream()
                .anyMatch(e -> e.method().equals("service/gradient-boost cross-validated"));
        assertEquals(boost.pinball() < shrinkage.pinball(), confirmed,
                "boosting is scored on every visit exactly when it looked better on the split");
        Quantiles stranger = model.service("nobody", "install", 10);
        // The fleet's install median is near the generated 90 min, not the 10 planned minutes.
        assertEquals(90, stranger.p50(), 20);
        assertEquals(24, model.fleetTravel().size());
    }

    @Test
    void aChallengerMustWinByMoreThanNoise() {
        java.util.Random random = new java.util.Random(3);
        double[] incumbent = new double[200];
        double[] noise = new double[200];
        double[] better = new double[200];
        for (int i = 0; i < incumbent.length; i++) {
            incumbent[i] = 5 + 3 * random.nextDouble();
            // Lower on average by 1 %, by chance as often higher as lower: not a win.
            noise[i] = incumbent[i] * 0.99 + random.nextGaussian();
            // Lower by 10 % on almost every observation: a win.
            better[i] = incumbent[i] * 0.9 + 0.05 * random.nextGaussian();
        }
        assertTrue(!ModelTrainer.clearlyBetter(noise, incumbent));
        assertTrue(ModelTrainer.clearlyBetter(better, incumbent));
        assertTrue(!ModelTrainer.clearlyBetter(incumbent, better));
    }

    private static Evaluation evaluation(LearnedModel model, String method) {
        return model.evaluations().stream().filter(e -> e.method().equals(method)).findFirst()
                .orElseThrow(() -> new AssertionError(method + " not in " + model.evaluations()));
    }
}
