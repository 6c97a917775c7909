package io.fieldcast.bench.eta;

import io.fieldcast.eta.model.SyntheticHistory;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.HabitsFactory;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab's copy of the demo's technicians lives their habits: each job type's median, spread and long jobs. */
class SimulatorFleetTest {

    @Test
    void jobsAreDrawnFromEachTechniciansOwnHabitsWithTheirLongJobs() {
        SimulatorFleet fleet = new SimulatorFleet(7, 3);
        assertEquals(HabitsFactory.TYPICAL_MINUTES.keySet(), fleet.jobTypes().keySet());
        Habits habits = new HabitsFactory(7).habitsOf(SyntheticHistory.tech(1), 1);
        double[] minutes = new double[40_000];
        for (int i = 0; i < minutes.length; i++) {
            minutes[i] = fleet.trueService(1, "REPAIR");
        }
        Arrays.sort(minutes);
        double median = habits.service("REPAIR").median();
        double sigma = habits.service("REPAIR").sigma();
        double chance = habits.rare().longJobChance();
        // The long jobs (1-5 %) push the median up a little.
        assertEquals(median, minutes[minutes.length / 2], 0.06 * median);
        // A long job is twice its drawn length: the mean is the log-normal's times (1 + chance).
        double mean = Arrays.stream(minutes).average().orElseThrow();
        assertEquals(1 + chance, mean / (median * Math.exp(sigma * sigma / 2)), 0.008,
                "long-job chance " + chance);
        assertTrue(minutes[0] >= 5 && minutes[minutes.length - 1] <= 480);
        assertEquals(habits.speedFactor(8), fleet.trueTravelFactor(1, 8, 0), 1e-9);
    }
}
