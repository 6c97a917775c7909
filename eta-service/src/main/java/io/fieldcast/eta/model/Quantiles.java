package io.fieldcast.eta.model;

/**
 * A positive duration (or factor) described by its 10th, 50th and 90th percentile. Between and beyond them the
 * distribution is a split log-normal: log-normal below the median with the spread of p10, above it with the spread of
 * p90, so a right-skewed service time keeps its long tail.
 */
public record Quantiles(double p10, double p50, double p90, int samples) {

    /** z of the 90th percentile of the standard normal. */
    static final double Z90 = 1.2815515655446004;

    public Quantiles {
        if (!(p10 > 0) || !(p50 >= p10) || !(p90 >= p50)) {
            throw new IllegalArgumentException("need 0 < p10 <= p50 <= p90, got " + p10 + ", " + p50 + ", " + p90);
        }
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
        return p50 * Math.exp(z * (z < 0 ? sigmaLow() : sigmaHigh()));
    }

    /** Probability of a value at most {@code x}. */
    public double cdf(double x) {
        if (x <= 0) {
            return 0;
        }
        double logRatio = Math.log(x / p50);
        double sigma = logRatio < 0 ? sigmaLow() : sigmaHigh();
        if (sigma == 0) {
            return logRatio < 0 ? 0 : 1;
        }
        return Normal.cdf(logRatio / sigma);
    }

    public Quantiles times(double factor) {
        return new Quantiles(p10 * factor, p50 * factor, p90 * factor, samples);
    }

    private double sigmaLow() {
        return Math.log(p50 / p10) / Z90;
    }

    private double sigmaHigh() {
        return Math.log(p90 / p50) / Z90;
    }
}
