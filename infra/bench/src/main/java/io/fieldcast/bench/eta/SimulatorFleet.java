package io.fieldcast.bench.eta;

import io.fieldcast.eta.model.SyntheticHistory;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.HabitsFactory;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The demo simulator's technicians as a benchmark fleet ({@code bench eta --fleet simulator}): each one's service
 * time per job type is their own log-normal (spread 0.15-0.5) and, at their own rare chance (1-5 % of jobs), a job
 * takes twice as long; travel is their own rush hours times a leg's luck. The same habits the running platform's
 * demo lives ({@link HabitsFactory}), so the lab sees the tails the platform sees, where the default fleet's are
 * milder (one spread per technician around 0.25, a missing part adding 20-60 minutes to 5 % of jobs).
 * Stops on the way and the lunch break are not replayed here.
 */
final class SimulatorFleet extends SyntheticHistory {

    private static final Map<String, Double> JOBS = Collections.unmodifiableMap(
            new TreeMap<>(HabitsFactory.TYPICAL_MINUTES));

    private final List<Habits> habits;

    SimulatorFleet(long seed, int technicians) {
        super(seed, technicians);
        HabitsFactory factory = new HabitsFactory(seed);
        habits = IntStream.range(0, technicians).mapToObj(t -> factory.habitsOf(tech(t), 1)).toList();
    }

    @Override
    public Map<String, Double> jobTypes() {
        return JOBS;
    }

    @Override
    public double trueService(int t, String job) {
        Habits h = habits.get(t);
        double z = random().nextGaussian(); // drawn before the long-job chance, in that order
        return h.jobMinutes(job, z, random().nextDouble() < h.rare().longJobChance());
    }

    @Override
    public double trueTravelFactor(int t, int hour, double gaussian) {
        return habits.get(t).speedFactor(hour) * Math.exp(Habits.LEG_SPREAD * gaussian);
    }
}
