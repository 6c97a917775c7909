package io.fieldcast.eta.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Widens (or narrows) an estimator's spread so that its quantiles hold on observations it was not fitted on.
 *
 * <p>A model fitted on a few days of history is too sure of itself: its p90 is fitted to the same visits it is scored
 * on, and a technician with a heavy tail (a router job that sometimes takes three times as long) has too few of them
 * to show it. A first window is published the moment its probability reaches 0.9, so the windows at that threshold
 * are exactly the ones an overconfident tail breaks (on the running platform, windows told at 0.90-0.92 held 0.67-0.76
 * of the time). So the chosen estimator is refitted {@value #FOLDS} times, each time without one fold of the data,
 * and every held-out observation is placed against what the model fitted without it predicted. Each side of the
 * distribution then gets one factor on its log-distance from the median: the smallest that puts 10 % of held-out
 * values below p10, 10 % above p90 and 2.5 % above p97.5.
 *
 * @param low   factor on log(p50 / p10)
 * @param high  factor on log(p90 / p50)
 * @param tail  factor on log(p97.5 / p50)
 * @param heldOut observations the factors were measured on (0: too few, no calibration)
 * @param jobTail the far tail of the held-out values, in units of the calibrated spread ({@link JobTail})
 */
public record TailCalibration(double low, double high, double tail, int heldOut, Evaluation before,
                              Evaluation after, JobTail jobTail) {

    public TailCalibration {
        jobTail = jobTail == null ? JobTail.NONE : jobTail;
    }

    public TailCalibration(double low, double high, double tail, int heldOut, Evaluation before, Evaluation after) {
        this(low, high, tail, heldOut, before, after, JobTail.NONE);
    }

    static final int FOLDS = 5;
    /** Below this the held-out quantiles are noise: no calibration. */
    static final int MIN_OBSERVATIONS = 60;
    /** The 97.5th percentile needs four times as many to be measured; below, it moves with p90. */
    static final int MIN_FOR_TAIL = 240;
    static final double MIN_FACTOR = 0.8;
    static final double MAX_FACTOR = 3.0;

    public static final TailCalibration NONE = new TailCalibration(1, 1, 1, 0, null, null);

    /**
     * Cross-validated factors of {@code estimator} on {@code data}; {@code name} labels the two evaluations (held-out
     * quantiles as fitted, and after the factors, which were measured on those same held-out values).
     */
    public static TailCalibration measure(String name, QuantileEstimator estimator, List<Observation> data,
                                          long seed) {
        if (data.size() < MIN_OBSERVATIONS) {
            return NONE;
        }
        List<Observation> heldOut = new ArrayList<>(data);
        Collections.shuffle(heldOut, new Random(seed));
        List<Quantiles> predicted = heldOut(estimator, heldOut);
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        List<Double> tail = new ArrayList<>();
        for (int i = 0; i < heldOut.size(); i++) {
            Observation o = heldOut.get(i);
            Quantiles q = predicted.get(i);
            double x = Math.log(o.value() / q.p50());
            // Distance from the median in units of each quantile's own distance: > 1 means beyond it.
            low.add(ratio(x, Math.log(q.p10() / q.p50())));
            high.add(ratio(x, Math.log(q.p90() / q.p50())));
            double p975 = Double.isNaN(q.p975()) ? q.quantile(0.975) : q.p975();
            tail.add(ratio(x, Math.log(p975 / q.p50())));
        }
        double high90 = clamp(quantile(high, 0.9));
        double tail975 = data.size() >= MIN_FOR_TAIL ? clamp(quantile(tail, 0.975)) : high90;
        TailCalibration factors = new TailCalibration(clamp(quantile(low, 0.9)), high90, tail975, data.size(), null,
                null);
        // Held out and calibrated, a value's log-distance above the median in units of the spread the model will
        // forecast with: Z90 at the calibrated p90.
        double[] standardized = high.stream().mapToDouble(r -> Quantiles.Z90 * r / high90).toArray();
        return new TailCalibration(factors.low, factors.high, factors.tail, data.size(),
                Evaluation.of(name + " held-out", heldOut, predicted),
                Evaluation.of(name + " calibrated " + factors.factors(), heldOut,
                        predicted.stream().map(factors::apply).toList()), JobTail.of(standardized));
    }

    /**
     * What {@code estimator} fitted without each observation's fold predicts for it, in the order of {@code data}:
     * observation i is in fold {@code i % }{@value #FOLDS}, so every one is held out once.
     */
    static List<Quantiles> heldOut(QuantileEstimator estimator, List<Observation> data) {
        Quantiles[] predicted = new Quantiles[data.size()];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Observation> train = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (i % FOLDS != fold) {
                    train.add(data.get(i));
                }
            }
            QuantileEstimator.Fitted fitted = estimator.fit(train);
            for (int i = fold; i < data.size(); i += FOLDS) {
                predicted[i] = fitted.predict(data.get(i).technician(), data.get(i).group());
            }
        }
        return List.of(predicted);
    }

    /** The fitted model with its spread scaled by these factors. */
    public QuantileEstimator.Fitted apply(QuantileEstimator.Fitted fitted) {
        if (heldOut == 0) {
            return fitted;
        }
        return (technician, group) -> apply(fitted.predict(technician, group));
    }

    Quantiles apply(Quantiles q) {
        double p50 = q.p50();
        double p975 = Double.isNaN(q.p975()) ? q.quantile(0.975) : q.p975();
        double p90 = p50 * Math.pow(q.p90() / p50, high);
        return new Quantiles(p50 * Math.pow(q.p10() / p50, low), p50, p90,
                Math.max(p90, p50 * Math.pow(p975 / p50, tail)), q.samples());
    }

    /** How far {@code x} lies toward a quantile at log-distance {@code d} (same sign: beyond it when > 1). */
    private static double ratio(double x, double d) {
        if (Math.abs(d) < 1e-9) {
            return Math.signum(x) == Math.signum(d) && x != 0 ? MAX_FACTOR : 0;
        }
        return x / d;
    }

    private static double clamp(double factor) {
        return Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
    }

    private static double quantile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private String factors() {
        return "p10 x%.2f p90 x%.2f p97.5 x%.2f".formatted(low, high, tail);
    }

    @Override
    public String toString() {
        return heldOut == 0 ? "none (too few observations)" : factors() + " on " + heldOut + " held-out";
    }
}
