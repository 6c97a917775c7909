package io.fieldcast.eta.model;

/**
 * A positive duration (or factor) described by its 10th, 50th and 90th percentile, and optionally its 97.5th
 * ({@code NaN} when unknown). Between them the distribution is a split log-normal: log-normal below the median with
 * the spread of p10, above it with the spread of p90; beyond p90 with the spread that reaches p97.5, so a measured fat
 * tail (a missing part, a complication) is kept instead of the log-normal's thin one.
 */
public record Quantiles(double p10, double p50, double p90, double p975, int samples) {

    /** z of the 90th percentile of the standard normal. */
    static final double Z90 = 1.2815515655446004;
    /** z of the 97.5th percentile. */
    static final double Z975 = 1.959963984540054;

    public Quantiles {
        if (!(p10 > 0) || !(p50 >= p10) || !(p90 >= p50)) {
            throw new IllegalArgumentException("need 0 < p10 <= p50 <= p90, got " + p10 + ", " + p50 + ", " + p90);
        }
        if (!Double.isNaN(p975) && p975 < p90) {
            p975 = p90;
        }
    }

    /** Without a measured tail: the log-normal continues beyond p90. */
    public Quantiles(double p10, double p50, double p90, int samples) {
        this(p10, p50, p90, Double.NaN, samples);
    }

    public static Quantiles of(double p10, double p50, double p90) {
        return new Quantiles(p10, p50, p90, 0);
    }

    /** Log-normal with median {@code median} and log-sd {@code sigma}. */
    public static Quantiles logNormal(double median, double sigma, int samples) {
        return new Quantiles(median * Math.exp(-Z90 * sigma), median, median * Math.exp(Z90 * sigma), samples);
    }

    /** The value at probability {@code u} in (0, 1). */
    public double quantile(double u) {
        double z = Normal.inverseCdf(u);
        if (z > Z90 && hasTail()) {
            return p90 * Math.exp((z - Z90) * sigmaTail());
        }
        return p50 * Math.exp(z * (z < 0 ? sigmaLow() : sigmaHigh()));
    }

    /** Probability of a value at most {@code x}. */
    public double cdf(double x) {
        if (x <= 0) {
            return 0;
        }
        if (x > p90 && hasTail()) {
            double tail = sigmaTail();
            return tail == 0 ? 1 : Normal.cdf(Z90 + Math.log(x / p90) / tail);
        }
        double logRatio = Math.log(x / p50);
        double sigma = logRatio < 0 ? sigmaLow() : sigmaHigh();
        if (sigma == 0) {
            return logRatio < 0 ? 0 : 1;
        }
        return Normal.cdf(logRatio / sigma);
    }

    public Quantiles times(double factor) {
        return new Quantiles(p10 * factor, p50 * factor, p90 * factor, p975 * factor, samples);
    }

    private boolean hasTail() {
        return !Double.isNaN(p975);
    }

    private double sigmaTail() {
        return Math.log(p975 / p90) / (Z975 - Z90);
    }

    private double sigmaLow() {
        return Math.log(p50 / p10) / Z90;
    }

    /** Jobs' worth of the fleet's knowledge behind a learned median: what shrinkage toward the fleet adds. */
    public static final double PRIOR_SAMPLES = 4;

    /**
     * Share of this distribution's log-variance that is doubt about the median itself rather than the spread of one
     * value around it: {@code 1 / (samples + PRIOR_SAMPLES)}, as for a mean of that many values. A median learned
     * from four jobs is off by a third of a job's spread, and by the same for every job of the kind.
     */
    public double medianDoubtShare() {
        return 1 / (Math.max(0, samples) + PRIOR_SAMPLES);
    }

    /** Log-scale spread above the median (the standard deviation of the log-normal that reaches p90). */
    public double logSpreadAbove() {
        return sigmaHigh();
    }

    private double sigmaHigh() {
        return Math.log(p90 / p50) / Z90;
    }
}
