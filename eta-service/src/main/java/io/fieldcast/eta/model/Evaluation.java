package io.fieldcast.eta.model;

import java.util.List;

/**
 * How good quantiles are on held-out observations: mean pinball loss over p10/p50/p90 (in the value's unit, lower
 * is better), coverage of the p10..p90 interval (should be 0.80) and mean absolute error of the median.
 */
public record Evaluation(String method, int observations, double pinball, double coverage80, double maeP50) {

    public static Evaluation of(String method, QuantileEstimator.Fitted model, List<Observation> test) {
        return of(method, test, test.stream().map(o -> model.predict(o.technician(), o.group())).toList());
    }

    /** {@code predicted.get(i)} is what was predicted for {@code test.get(i)}. */
    public static Evaluation of(String method, List<Observation> test, List<Quantiles> predicted) {
        double pinball = 0;
        double covered = 0;
        double mae = 0;
        for (int i = 0; i < test.size(); i++) {
            Observation o = test.get(i);
            Quantiles q = predicted.get(i);
            pinball += loss(o, q);
            covered += o.value() >= q.p10() && o.value() <= q.p90() ? 1 : 0;
            mae += Math.abs(o.value() - q.p50());
        }
        int n = Math.max(1, test.size());
        return new Evaluation(method, test.size(), pinball / n, covered / n, mae / n);
    }

    /** One observation's pinball loss under {@code q}: the mean over p10, p50 and p90. */
    static double loss(Observation o, Quantiles q) {
        return (pinball(o.value(), q.p10(), 0.1) + pinball(o.value(), q.p50(), 0.5)
                + pinball(o.value(), q.p90(), 0.9)) / 3;
    }

    static double pinball(double actual, double predicted, double level) {
        double diff = actual - predicted;
        return diff >= 0 ? level * diff : (level - 1) * diff;
    }

    @Override
    public String toString() {
        return "%s: n=%d pinball=%.3f coverage80=%.3f maeP50=%.2f".formatted(method, observations, pinball,
                coverage80, maeP50);
    }
}
