package io.fieldcast.platform.stats;

/**
 * A share of successes and how well a few dozen trials know it: eta-service's report gives one day's hit rate with
 * it, the promise benchmark the hit rate of several days pooled.
 */
public final class Proportion {

    private static final double Z95 = 1.959964;

    private Proportion() {
    }

    /**
     * The Wilson score interval of {@code k} successes in {@code n} trials at 95 % ({@code [low, high]}); unlike the
     * normal approximation it stays inside [0, 1] and is honest at 0 or n successes (37 of 37 is 0.906..1).
     */
    public static double[] wilson95(long k, long n) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n > 0, got k=" + k + " n=" + n);
        }
        double p = (double) k / n;
        double z2n = Z95 * Z95 / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n)) / (1 + z2n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
