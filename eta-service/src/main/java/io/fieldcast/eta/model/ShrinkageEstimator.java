package io.fieldcast.eta.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hierarchical estimate in log space: fleet level per group, plus a technician effect, plus a technician x group
 * effect, each shrunk toward zero by an empirical-Bayes weight {@code n / (n + k)} with {@code k = within-variance /
 * between-variance} measured on the data. A new technician gets the fleet; one with 200 visits gets mostly their own.
 * The spread comes from the residuals' empirical 10th/90th/97.5th percentiles per group, scaled by the technician's own
 * (shrunk) variability and by their (shrunk) variability on that job type, so skew and fat tails are kept rather than
 * assumed normal.
 */
public final class ShrinkageEstimator implements QuantileEstimator {

    private static final double MIN_BETWEEN_VARIANCE = 1e-4;

    private final double huber;

    public ShrinkageEstimator() {
        this(HUBER);
    }

    /** {@code huber}: how many within-standard-deviations from a key's median a value may count (infinite: a mean). */
    ShrinkageEstimator(double huber) {
        this.huber = huber;
    }

    @Override
    public String name() {
        return "shrinkage";
    }

    @Override
    public Fitted fit(List<Observation> data) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no observations");
        }
        double[] y = data.stream().mapToDouble(o -> Math.log(o.value())).toArray();
        double global = mean(y);

        Map<String, Double> groupMean = shrunkMeans(data, Observation::group, i -> y[i] - global, global, huber);
        double[] r1 = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r1[i] = y[i] - groupMean.get(data.get(i).group());
        }
        Map<String, Double> techEffect = shrunkMeans(data, Observation::technician, i -> r1[i], 0, huber);
        double[] r2 = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r2[i] = r1[i] - techEffect.get(data.get(i).technician());
        }
        Map<String, Double> cellEffect = shrunkMeans(data, ShrinkageEstimator::cell, i -> r2[i], 0, huber);
        double[] residual = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            residual[i] = r2[i] - cellEffect.get(cell(data.get(i)));
        }
        Spread spread = Spread.of(data, residual);
        return (technician, group) -> {
            double mu = groupMean.getOrDefault(group, global) + techEffect.getOrDefault(technician, 0.0)
                    + cellEffect.getOrDefault(technician + "\u0000" + group, 0.0);
            double scale = spread.techScale.getOrDefault(technician, 1.0)
                    * spread.cellScale.getOrDefault(technician + "\u0000" + group, 1.0);
            double[] q = spread.groupQuantiles.getOrDefault(group, spread.global);
            int n = spread.cellCount.getOrDefault(technician + "\u0000" + group, 0);
            return new Quantiles(Math.exp(mu + q[0] * scale), Math.exp(mu), Math.exp(mu + q[1] * scale),
                    Math.exp(mu + q[2] * scale), n);
        };
    }

    private static String cell(Observation o) {
        return o.technician() + "\u0000" + o.group();
    }

    private interface Key {
        String of(Observation o);
    }

    private interface Value {
        double of(int index);
    }

    /**
     * Per key, {@code prior + sum(v) / (n + k)}: the mean of v pulled toward zero, with k = within / between variance.
     * Each v is first held to within {@link #HUBER} within-standard-deviations of its key's median (a Huber-type
     * mean): a stop the miner split in two makes one 2-hour install look like a 13-minute one, and in log space one
     * such value pulled a technician's six installs from a median of 111 minutes to 72 (demo, seed 2), which made
     * every window after their installs too early.
     */
    private static Map<String, Double> shrunkMeans(List<Observation> data, Key key, Value value, double prior,
                                                   double huber) {
        Map<String, List<Double>> byKey = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            byKey.computeIfAbsent(key.of(data.get(i)), x -> new ArrayList<>()).add(value.of(i));
        }
        double within = pooledWithinVariance(byKey);
        double between = betweenVariance(byKey, within);
        double k = within / between;
        double limit = huber * Math.sqrt(within);
        Map<String, Double> result = new HashMap<>();
        byKey.forEach((name, values) -> result.put(name, prior + robustSum(values, limit) / (values.size() + k)));
        return result;
    }

    /** Values held to within +-{@link #HUBER} within-standard-deviations of their key's median. */
    static final double HUBER = 1.5;

    /** The sum of {@code values}, each first held to {@code median +- limit}. */
    static double robustSum(List<Double> values, double limit) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double sum = 0;
        for (double v : sorted) {
            sum += Math.clamp(v, median - limit, median + limit);
        }
        return sum;
    }

    private static double pooledWithinVariance(Map<String, List<Double>> byKey) {
        double ss = 0;
        int dof = 0;
        for (List<Double> values : byKey.values()) {
            double m = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            for (double v : values) {
                ss += (v - m) * (v - m);
            }
            dof += values.size() - 1;
        }
        return dof > 0 ? Math.max(ss / dof, 1e-6) : 0.1;
    }

    /** Variance of the key means minus what sampling noise alone would give them (method of moments). */
    private static double betweenVariance(Map<String, List<Double>> byKey, double within) {
        if (byKey.size() < 2) {
            return MIN_BETWEEN_VARIANCE;
        }
        double[] means = byKey.values().stream()
                .mapToDouble(v -> v.stream().mapToDouble(Double::doubleValue).average().orElse(0)).toArray();
        double noise = byKey.values().stream().mapToDouble(v -> within / v.size()).average().orElse(0);
        double grand = mean(means);
        double var = Arrays.stream(means).map(m -> (m - grand) * (m - grand)).sum() / (means.length - 1);
        return Math.max(var - noise, MIN_BETWEEN_VARIANCE);
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    /** Residual p10/p90 per group (shrunk toward the fleet's) and each technician's relative spread. */
    private record Spread(double[] global, Map<String, double[]> groupQuantiles, Map<String, Double> techScale,
                          Map<String, Double> cellScale, Map<String, Integer> cellCount) {

        private static final double PRIOR_SAMPLES = 30;
        /**
         * A technician's spread on one job type, relative to their spread overall, borrows from the overall as if it
         * had been seen this many times: one technician may be steady on checks and all over the place on routers.
         */
        private static final double PRIOR_CELL_SAMPLES = 8;

        static Spread of(List<Observation> data, double[] residual) {
            // In-sample residuals are a little too narrow (the means were fitted to them); 1.05 widens them back.
            double inflate = 1.05;
            double[] global = {quantile(residual, 0.1) * inflate, quantile(residual, 0.9) * inflate,
                    quantile(residual, 0.975) * inflate};
            double globalSd = Math.sqrt(Arrays.stream(residual).map(r -> r * r).average().orElse(0.01));
            Map<String, List<Double>> byGroup = new HashMap<>();
            Map<String, List<Double>> byTech = new HashMap<>();
            Map<String, Integer> cellCount = new HashMap<>();
            for (int i = 0; i < data.size(); i++) {
                byGroup.computeIfAbsent(data.get(i).group(), x -> new ArrayList<>()).add(residual[i]);
                byTech.computeIfAbsent(data.get(i).technician(), x -> new ArrayList<>()).add(residual[i]);
                cellCount.merge(cell(data.get(i)), 1, Integer::sum);
            }
            Map<String, double[]> groups = new HashMap<>();
            byGroup.forEach((g, values) -> {
                double[] r = values.stream().mapToDouble(Double::doubleValue).toArray();
                double w = r.length / (r.length + PRIOR_SAMPLES);
                // The tail needs more data than the body: it borrows from the fleet four times as long.
                double wTail = r.length / (r.length + 4 * PRIOR_SAMPLES);
                groups.put(g, new double[]{w * quantile(r, 0.1) * inflate + (1 - w) * global[0],
                        w * quantile(r, 0.9) * inflate + (1 - w) * global[1],
                        wTail * quantile(r, 0.975) * inflate + (1 - wTail) * global[2]});
            });
            Map<String, Double> scale = new HashMap<>();
            byTech.forEach((t, values) -> scale.put(t, shrunkSd(values, globalSd, PRIOR_SAMPLES) / globalSd));
            Map<String, Double> groupSd = new HashMap<>();
            byGroup.forEach((g, values) -> groupSd.put(g,
                    Math.max(1e-3, Math.sqrt(values.stream().mapToDouble(r -> r * r).average().orElse(0)))));
            Map<String, List<Double>> byCell = new HashMap<>();
            for (int i = 0; i < data.size(); i++) {
                byCell.computeIfAbsent(cell(data.get(i)), x -> new ArrayList<>()).add(residual[i]);
            }
            Map<String, Double> cellScale = new HashMap<>();
            byCell.forEach((c, values) -> {
                String[] key = c.split("\u0000", 2);
                double expected = scale.get(key[0]) * groupSd.get(key[1]);
                cellScale.put(c, shrunkSd(values, expected, PRIOR_CELL_SAMPLES) / expected);
            });
            return new Spread(global, groups, scale, cellScale, cellCount);
        }
    }

    /** The RMS of {@code values} pulled toward {@code prior} as if that had been seen {@code priorSamples} times. */
    private static double shrunkSd(List<Double> values, double prior, double priorSamples) {
        double ss = values.stream().mapToDouble(r -> r * r).sum();
        return Math.sqrt((ss + priorSamples * prior * prior) / (values.size() + priorSamples));
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sortedQuantile(sorted, q);
    }

    /** The {@code q} quantile of ascending {@code sorted}, interpolated linearly between neighbouring values. */
    static double sortedQuantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
