package io.fieldcast.eta.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated fleet whose true distributions are known: job types with base durations, technicians faster or slower
 * overall, some more erratic, a few technician x job-type quirks, rush-hour traffic, and an uneven amount of history
 * (new hires with a handful of visits beside veterans with hundreds). Used to compare estimators and in tests.
 */
public class SyntheticHistory {

    /** In a fixed order (Map.of's order changes between JVM runs, and with it every generated fleet). */
    public static final Map<String, Double> JOB_MINUTES = jobMinutes();

    private final Random random;
    private final int technicians;
    private final double[] techEffect;
    private final double[] techSigma;
    private final double[] techTravel;
    private final Map<String, Double> quirks = new LinkedHashMap<>();

    public SyntheticHistory(long seed, int technicians) {
        this.random = new Random(seed);
        this.technicians = technicians;
        techEffect = new double[technicians];
        techSigma = new double[technicians];
        techTravel = new double[technicians];
        for (int t = 0; t < technicians; t++) {
            techEffect[t] = random.nextGaussian() * 0.2;
            techSigma[t] = 0.25 * Math.exp(random.nextGaussian() * 0.3);
            techTravel[t] = random.nextGaussian() * 0.1;
            for (String job : JOB_MINUTES.keySet()) {
                quirks.put(tech(t) + "/" + job, random.nextGaussian() * 0.1);
            }
        }
    }

    private static Map<String, Double> jobMinutes() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("install", 90.0);
        m.put("repair", 60.0);
        m.put("maintenance", 45.0);
        m.put("inspection", 30.0);
        m.put("emergency", 75.0);
        return Collections.unmodifiableMap(m);
    }

    /**
     * This fleet's job types with their typical minutes, in a fixed order: what days are booked with and planned by.
     * Another fleet (a benchmark's copy of the simulator's technicians) brings its own.
     */
    public Map<String, Double> jobTypes() {
        return JOB_MINUTES;
    }

    /** The fleet's generator, for a fleet that draws its own true durations. */
    protected final Random random() {
        return random;
    }

    public static String tech(int t) {
        return "tech-%02d".formatted(t);
    }

    /** Visits per technician: a few new hires with very little history. */
    public int visitsOf(int t, int typicalVisits) {
        return t % 5 == 0 ? 3 + t % 7 : typicalVisits;
    }

    public List<Observation> services(int typicalVisits) {
        List<Observation> out = new ArrayList<>();
        List<String> jobs = List.copyOf(jobTypes().keySet());
        for (int t = 0; t < technicians; t++) {
            for (int i = 0; i < visitsOf(t, typicalVisits); i++) {
                String job = jobs.get(random.nextInt(jobs.size()));
                out.add(new Observation(tech(t), job, trueService(t, job)));
            }
        }
        return out;
    }

    public double trueService(int t, String job) {
        double mu = Math.log(JOB_MINUTES.get(job)) + techEffect[t] + quirks.get(tech(t) + "/" + job);
        // Sometimes a part is missing: a fat right tail the log-normal alone does not have.
        double extra = random.nextDouble() < 0.05 ? 20 + random.nextDouble() * 40 : 0;
        return Math.exp(mu + random.nextGaussian() * techSigma[t]) + extra;
    }

    public List<Observation> travel(int typicalLegs) {
        List<Observation> out = new ArrayList<>();
        for (int t = 0; t < technicians; t++) {
            for (int i = 0; i < visitsOf(t, typicalLegs); i++) {
                int hour = 7 + random.nextInt(12);
                out.add(new Observation(tech(t), Integer.toString(hour), trueTravelFactor(t, hour)));
            }
        }
        return out;
    }

    public double trueTravelFactor(int t, int hour) {
        return trueTravelFactor(t, hour, random.nextGaussian());
    }

    /**
     * The same with the leg's own noise given ({@code gaussian}, a standard normal draw): a replayed day keeps its
     * legs' luck when a wait moves a departure into another hour.
     */
    public double trueTravelFactor(int t, int hour, double gaussian) {
        return rushHour(hour) * Math.exp(techTravel[t] + gaussian * 0.15);
    }

    /** A standard normal draw from the fleet's own generator (the noise of one leg). */
    public double gaussian() {
        return random.nextGaussian();
    }

    /** Morning and evening peaks on top of the road network's free-flow times. */
    public static double rushHour(int hour) {
        double morning = Math.exp(-Math.pow(hour + 0.5 - 8.5, 2) / 2);
        double evening = Math.exp(-Math.pow(hour + 0.5 - 17.5, 2) / 2);
        return 1.05 + 0.35 * morning + 0.4 * evening;
    }

    /**
     * The limit of learning for this fleet: the true distributions themselves, summarised in the model's own form
     * (p10/p50/p90/p97.5 of 4000 draws per technician x job type and per technician x hour).
     */
    public LearnedModel oracle() {
        Map<String, Map<String, Quantiles>> service = new HashMap<>();
        Map<String, List<Quantiles>> travel = new HashMap<>();
        for (int t = 0; t < technicians; t++) {
            Map<String, Quantiles> byJob = new HashMap<>();
            for (String job : jobTypes().keySet()) {
                double[] draws = new double[4000];
                for (int i = 0; i < draws.length; i++) {
                    draws[i] = trueService(t, job);
                }
                byJob.put(job, summary(draws));
            }
            service.put(tech(t), byJob);
            List<Quantiles> byHour = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                double[] draws = new double[4000];
                for (int i = 0; i < draws.length; i++) {
                    draws[i] = trueTravelFactor(t, h);
                }
                byHour.add(summary(draws));
            }
            travel.put(tech(t), byHour);
        }
        return new LearnedModel("oracle", Instant.EPOCH, "oracle", "oracle", service, Map.of(),
                travel, List.of(), List.of());
    }

    private static Quantiles summary(double[] draws) {
        return new Quantiles(ShrinkageEstimator.quantile(draws, 0.1), ShrinkageEstimator.quantile(draws, 0.5),
                ShrinkageEstimator.quantile(draws, 0.9), ShrinkageEstimator.quantile(draws, 0.975), draws.length);
    }
}
