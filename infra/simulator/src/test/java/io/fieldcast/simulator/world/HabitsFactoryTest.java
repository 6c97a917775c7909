package io.fieldcast.simulator.world;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HabitsFactoryTest {

    @Test
    void sameSeedAndTechnicianGiveSameHabits() {
        assertEquals(new HabitsFactory(7).habitsOf("tech-01", 20), new HabitsFactory(7).habitsOf("tech-01", 20));
    }

    @Test
    void differentSeedOrTechnicianGiveDifferentHabits() {
        Habits a = new HabitsFactory(7).habitsOf("tech-01", 20);
        assertNotEquals(a, new HabitsFactory(8).habitsOf("tech-01", 20));
        assertNotEquals(a, new HabitsFactory(7).habitsOf("tech-02", 20));
    }

    @Test
    void rushHoursAreSlowerThanMidMorningForEveryone() {
        HabitsFactory factory = new HabitsFactory(1);
        for (int i = 0; i < 50; i++) {
            Habits h = factory.habitsOf("tech-" + i, 20);
            assertTrue(h.speedFactor(8) > h.speedFactor(10), "morning rush of tech-" + i);
            assertTrue(h.speedFactor(17) > h.speedFactor(14), "evening rush of tech-" + i);
        }
    }

    @Test
    void pingIntervalAndProbabilitiesStayInTheirRanges() {
        HabitsFactory factory = new HabitsFactory(3);
        for (int i = 0; i < 200; i++) {
            Habits h = factory.habitsOf("t" + i, 10);
            assertTrue(h.pingIntervalSec() >= 10 && h.pingIntervalSec() <= 30);
            assertTrue(h.lateStartChance() >= 0 && h.lateStartChance() <= 1);
            assertTrue(h.rare().sickChance() < 0.05);
            assertTrue(h.newHire() || h.firstDayIndex() == 0);
            assertTrue(h.firstDayIndex() < 10);
        }
    }

    @Test
    void someButNotAllTechniciansAreNewHires() {
        HabitsFactory factory = new HabitsFactory(5);
        long newHires = IntStream.range(0, 400).filter(i -> factory.habitsOf("t" + i, 20).newHire()).count();
        // 15 % of 400 = 60; binomial sd ≈ 7, so 30..90 is far outside chance.
        assertTrue(newHires > 30 && newHires < 90, "new hires: " + newHires);
    }

    @Test
    void logNormalSamplesMatchMedianAndMean() {
        LogNormal d = new LogNormal(60, 0.4);
        SplittableRandom rng = Seeds.stream(11, "lognormal");
        double[] xs = IntStream.range(0, 100_000).mapToDouble(i -> d.sample(rng)).sorted().toArray();
        double mean = Arrays.stream(xs).average().orElseThrow();
        // 100 000 draws: the sample median and mean are within ~0.5 % of the truth; 2 % leaves room.
        assertEquals(60, xs[xs.length / 2], 60 * 0.02);
        assertEquals(d.mean(), mean, d.mean() * 0.02);
        assertEquals(d.quantile(0.9), xs[(int) (xs.length * 0.9)], d.quantile(0.9) * 0.02);
    }

    @Test
    void streamsWithTheSameLabelsRepeat() {
        assertEquals(Seeds.stream(1, "a", 2).nextLong(), Seeds.stream(1, "a", 2).nextLong());
        assertNotEquals(Seeds.stream(1, "a", 2).nextLong(), Seeds.stream(1, "a", 3).nextLong());
    }
}
