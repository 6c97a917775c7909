package io.fieldcast.simulator.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static io.fieldcast.simulator.world.Seeds.chance;
import static io.fieldcast.simulator.world.Seeds.uniform;

/**
 * Draws each technician's hidden habits from the run's seed and the technician's id only, so the same person has
 * the same habits in every run with that seed, whatever else changes. Ranges are chosen so people differ clearly
 * (a model that ignores who drives does visibly worse) while staying plausible for a service van in a city.
 */
public final class HabitsFactory {

    /** Typical service minutes per job type of the demo company; unknown types fall back to 60. */
    public static final Map<String, Double> TYPICAL_MINUTES = Map.of("REPAIR", 60.0, "INSTALL", 120.0,
            "ROUTER", 45.0, "APPLIANCE", 90.0, "HVAC", 75.0, "CHECK", 30.0);
    static final double DEFAULT_TYPICAL_MINUTES = 60;

    /** Share of the workforce that is new; they join during the simulated period. */
    static final double NEW_HIRE_SHARE = 0.15;

    private final long seed;

    public HabitsFactory(long seed) {
        this.seed = seed;
    }

    /** Habits of one technician; {@code days} is the length of the run, used to place new hires' first day. */
    public Habits habitsOf(String technicianId, int days) {
        SplittableRandom rng = Seeds.stream(seed, "habits", technicianId);
        List<Double> speed = speedProfile(rng);
        double personalPace = uniform(rng, 0.8, 1.3); // slow or quick worker overall
        Map<String, LogNormal> service = new LinkedHashMap<>();
        for (var e : new TreeMap<>(TYPICAL_MINUTES).entrySet()) {
            double perJob = uniform(rng, 0.85, 1.2); // better at some jobs than others
            service.put(e.getKey(), new LogNormal(e.getValue() * personalPace * perJob, uniform(rng, 0.15, 0.5)));
        }
        LogNormal fallback = new LogNormal(DEFAULT_TYPICAL_MINUTES * personalPace, 0.35);
        boolean newHire = chance(rng, NEW_HIRE_SHARE);
        int firstDay = newHire ? (int) Math.floor(uniform(rng, 0.5, 0.9) * Math.max(days, 1)) : 0;
        var rare = new Habits.Rare(uniform(rng, 0.01, 0.05), uniform(rng, 0.02, 0.06), uniform(rng, 0.003, 0.02));
        return new Habits(technicianId, speed, service, fallback,
                uniform(rng, 0.05, 0.6), uniform(rng, 4, 25),
                uniform(rng, 25, 60), uniform(rng, 4, 15), (int) uniform(rng, 11 * 60, 13 * 60),
                uniform(rng, 0.02, 0.15), uniform(rng, 4, 18),
                uniform(rng, 3, 15), uniform(rng, 0.05, 0.3), uniform(rng, 0.2, 0.9),
                uniform(rng, 0.05, 0.3), uniform(rng, 5, 45),
                10 + rng.nextInt(21), newHire, firstDay, rare, timeLeftOf(technicianId));
    }

    /**
     * How the technician tells the time left of a job: from a stream of its own, so that every other habit is as it
     * was before technicians told it. Most tell it on most jobs; most are optimists, a few pessimists; their word is
     * off by 10 to 30 % (one log-scale standard deviation).
     */
    Habits.TimeLeft timeLeftOf(String technicianId) {
        SplittableRandom rng = Seeds.stream(seed, "time-left", technicianId);
        return new Habits.TimeLeft(uniform(rng, 0.5, 0.95), uniform(rng, -0.25, 0.1), uniform(rng, 0.1, 0.3));
    }

    /**
     * A base pace (calm or hurried driver) times two rush-hour bumps (morning around 8, evening around 17) whose
     * height is personal: some routes or habits avoid the jams, others sit in them.
     */
    static List<Double> speedProfile(SplittableRandom rng) {
        double base = uniform(rng, 0.85, 1.2);
        double morning = uniform(rng, 0.1, 0.5);
        double evening = uniform(rng, 0.1, 0.6);
        double midday = uniform(rng, 0.0, 0.1);
        List<Double> byHour = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            double bump = morning * bell(h + 0.5, 8.0, 1.0) + evening * bell(h + 0.5, 17.0, 1.2)
                    + midday * bell(h + 0.5, 12.5, 1.0);
            byHour.add(Math.round(base * (1 + bump) * 1000) / 1000.0);
        }
        return byHour;
    }

    private static double bell(double x, double centre, double width) {
        double z = (x - centre) / width;
        return Math.exp(-z * z / 2);
    }
}
