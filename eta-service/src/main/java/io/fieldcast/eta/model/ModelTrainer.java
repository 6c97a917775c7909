package io.fieldcast.eta.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * Trains service-time and travel-factor quantiles. With method "auto" both estimators are fitted on 80 % of the
 * observations and scored on the other 20 % (pinball loss); the better one is refitted on everything. That keeps the
 * choice honest per fleet: the README's figures say which usually wins and why. The chosen one's spread is then
 * calibrated on held-out folds ({@link TailCalibration}), so a 90 % window means 90 % on visits it was not fitted on.
 */
public final class ModelTrainer {

    public static final String AUTO = "auto";
    private static final double HOLDOUT = 0.2;

    private final List<QuantileEstimator> candidates;
    private final String method;

    public ModelTrainer(String method, List<QuantileEstimator> candidates) {
        this.method = method;
        this.candidates = List.copyOf(candidates);
    }

    public static ModelTrainer standard(String method) {
        return new ModelTrainer(method, List.of(new ShrinkageEstimator(), new GradientBoostEstimator()));
    }

    /** Trains; {@code progress} receives 0..1 as the steps finish. */
    public LearnedModel train(String version, Instant trainedAt, List<Observation> services, List<Observation> travel,
                              long seed, DoubleConsumer progress) {
        List<Evaluation> evaluations = new ArrayList<>();
        progress.accept(0.05);
        Choice serviceChoice = choose("service", services, seed, evaluations);
        progress.accept(0.4);
        Choice travelChoice = choose("travel", travel, seed + 1, evaluations);
        progress.accept(0.7);

        Map<String, Map<String, Quantiles>> service = new HashMap<>();
        Map<String, Quantiles> fleetService = new HashMap<>();
        if (serviceChoice.fitted != null) {
            QuantileEstimator.Fitted fitted = serviceChoice.fitted;
            Set<String> jobTypes = distinct(services, true);
            for (String tech : distinct(services, false)) {
                Map<String, Quantiles> byType = new HashMap<>();
                for (String jobType : jobTypes) {
                    byType.put(jobType, fitted.predict(tech, jobType));
                }
                service.put(tech, byType);
            }
            jobTypes.forEach(t -> fleetService.put(t, fitted.predict("", t)));
        }
        Map<String, List<Quantiles>> travelByTech = new HashMap<>();
        List<Quantiles> fleetTravel = new ArrayList<>();
        if (travelChoice.fitted != null) {
            QuantileEstimator.Fitted fitted = travelChoice.fitted;
            for (String tech : distinct(travel, false)) {
                travelByTech.put(tech, hours(fitted, tech));
            }
            fleetTravel.addAll(hours(fitted, ""));
        }
        progress.accept(1.0);
        return new LearnedModel(version, trainedAt, serviceChoice.name, travelChoice.name, service, fleetService,
                travelByTech, fleetTravel, evaluations).withJobTail(serviceChoice.jobTail);
    }

    private static List<Quantiles> hours(QuantileEstimator.Fitted fitted, String tech) {
        List<Quantiles> byHour = new ArrayList<>(24);
        for (int h = 0; h < 24; h++) {
            byHour.add(fitted.predict(tech, Integer.toString(h)));
        }
        return byHour;
    }

    private Choice choose(String target, List<Observation> data, long seed, List<Evaluation> evaluations) {
        if (data.isEmpty()) {
            return new Choice("none", null, JobTail.NONE);
        }
        List<QuantileEstimator> pool = AUTO.equals(method) ? candidates
                : candidates.stream().filter(c -> c.name().equals(method)).toList();
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("unknown model method " + method);
        }
        QuantileEstimator best = pool.getFirst();
        if (pool.size() > 1 && data.size() >= 50) {
            List<Observation> shuffled = new ArrayList<>(data);
            Collections.shuffle(shuffled, new Random(seed));
            int cut = (int) (shuffled.size() * (1 - HOLDOUT));
            List<Observation> train = shuffled.subList(0, cut);
            List<Observation> test = shuffled.subList(cut, shuffled.size());
            double bestLoss = Double.POSITIVE_INFINITY;
            for (QuantileEstimator candidate : pool) {
                Evaluation e = Evaluation.of(target + "/" + candidate.name(), candidate.fit(train), test);
                evaluations.add(e);
                if (e.pinball() < bestLoss) {
                    bestLoss = e.pinball();
                    best = candidate;
                }
            }
        }
        // Refitting without each fifth of the data shows how sure the chosen model may be (TailCalibration).
        TailCalibration calibration = TailCalibration.measure(target + "/" + best.name(), best, data, seed + 7);
        if (calibration.before() != null) {
            evaluations.add(calibration.before());
            evaluations.add(calibration.after());
        }
        return new Choice(best.name(), calibration.apply(best.fit(data)), calibration.jobTail());
    }

    private static Set<String> distinct(List<Observation> data, boolean groups) {
        Set<String> values = new LinkedHashSet<>();
        data.forEach(o -> values.add(groups ? o.group() : o.technician()));
        return values;
    }

    /** {@code jobTail}: the far tail of the held-out values ({@link TailCalibration#jobTail}). */
    private record Choice(String name, QuantileEstimator.Fitted fitted, JobTail jobTail) {
    }
}
