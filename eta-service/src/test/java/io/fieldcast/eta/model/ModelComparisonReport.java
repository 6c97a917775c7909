package io.fieldcast.eta.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

/**
 * The figures behind the README's model choice: both estimators on several generated fleets, scored on fresh
 * visits. A report, not a check: {@code ./mvnw -o -pl eta-service test -Dtest=ModelComparisonReport -Deta.compare=true}.
 */
@EnabledIfSystemProperty(named = "eta.compare", matches = "true")
class ModelComparisonReport {

    @Test
    void printComparison() {
        System.out.println("REPORT target visits/tech seed method pinball coverage80 maeP50");
        for (int visits : new int[]{20, 60, 150}) {
            for (long seed : new long[]{1, 2, 3}) {
                SyntheticHistory fleet = new SyntheticHistory(seed, 40);
                List<Observation> train = fleet.services(visits);
                List<Observation> test = fleet.services(50);
                print("service", visits, seed, new ShrinkageEstimator(), train, test);
                print("service", visits, seed, new GradientBoostEstimator(), train, test);
                LearnedModel oracle = fleet.oracle();
                print("service", visits, seed, "oracle", (tech, job) -> oracle.service(tech, job, 1), test);
                List<Observation> travelTrain = fleet.travel(visits);
                List<Observation> travelTest = fleet.travel(50);
                print("travel", visits, seed, new ShrinkageEstimator(), travelTrain, travelTest);
                print("travel", visits, seed, new GradientBoostEstimator(), travelTrain, travelTest);
                print("travel", visits, seed, "oracle",
                        (tech, hour) -> oracle.travelFactor(tech, Integer.parseInt(hour)), travelTest);
            }
        }
    }

    private static void print(String target, int visits, long seed, QuantileEstimator estimator,
                              List<Observation> train, List<Observation> test) {
        print(target, visits, seed, estimator.name(), estimator.fit(train), test);
    }

    private static void print(String target, int visits, long seed, String name, QuantileEstimator.Fitted model,
                              List<Observation> test) {
        Evaluation e = Evaluation.of(name, model, test);
        System.out.printf("REPORT %s %d %d %s %.4f %.3f %.3f%n", target, visits, seed, name, e.pinball(),
                e.coverage80(), e.maeP50());
    }
}
