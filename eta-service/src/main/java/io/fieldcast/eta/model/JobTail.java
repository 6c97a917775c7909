package io.fieldcast.eta.model;

import java.util.Arrays;

/**
 * What the fleet's jobs that ran long went on to do: the far tail of every job's log-ratio to its learned median, in
 * units of that job's own learned spread above the median, at fixed levels from the 90th percentile up
 * ({@link #LEVELS}). Learned from the whole service history at once, each job held out of the model it is placed
 * against, so a few per cent of jobs are enough.
 *
 * <p>What it is for: a job under way that has run past its usual length. A job not started is drawn from its own
 * learned quantiles; their far tail is a log-normal's, fitted to the 97.5th percentile. A job that has run past that
 * is, far more often than such a tail says, one that ran into trouble (a part missing, a second fault) or one whose
 * spread is wider than its few jobs showed, and it runs on for a good while. On the running platform every broken
 * window of one run (demo, seed 2) was behind a first job that ran 2.4 to 3.8 hours while the window after it was
 * told at 0.90: the learned tail said the job was nearly over.
 *
 * @param z    standardized log-ratios at {@link #LEVELS} (ascending); empty when nothing was learned
 * @param jobs how many jobs they were learned from
 */
public record JobTail(double[] z, int jobs) {

    /** The levels of {@link #z}. */
    public static final double[] LEVELS = {0.90, 0.92, 0.94, 0.95, 0.96, 0.97, 0.975, 0.98, 0.985, 0.99, 0.995};
    /** Nothing learned: a job's own tail is all there is. */
    public static final JobTail NONE = new JobTail(new double[0], 0);
    /**
     * Below this the 97.5th percentile rests on fewer than five jobs. (The top levels rest on one or two jobs up to
     * 400; a demo's five days of history are about 230 jobs, and a tail from them beats the log-normal's.)
     */
    static final int MIN_JOBS = 200;

    public JobTail {
        z = z == null ? new double[0] : z.clone();
        if (z.length != 0 && z.length != LEVELS.length) {
            throw new IllegalArgumentException("need " + LEVELS.length + " levels, got " + z.length);
        }
        for (int i = 1; i < z.length; i++) {
            if (!(z[i] >= z[i - 1])) {
                throw new IllegalArgumentException("levels must ascend: " + Arrays.toString(z));
            }
        }
    }

    public boolean learned() {
        return z.length > 0;
    }

    /**
     * The tail of {@code standardized}: held-out log-ratios to the median in units of the calibrated spread above it
     * ({@link TailCalibration#measure}, which places every job against a model fitted without it: in-sample, a job
     * type's own outliers widen its spread and the tail looks thinner than it is).
     */
    static JobTail of(double[] standardized) {
        int n = standardized.length;
        if (n < MIN_JOBS) {
            return NONE;
        }
        double[] sorted = standardized.clone();
        Arrays.sort(sorted);
        double[] z = new double[LEVELS.length];
        for (int l = 0; l < LEVELS.length; l++) {
            z[l] = ShrinkageEstimator.sortedQuantile(sorted, LEVELS[l]);
            if (l > 0) {
                z[l] = Math.max(z[l], z[l - 1]);
            }
        }
        return z[0] > 0 ? new JobTail(z, n) : NONE;
    }

    /**
     * Minutes of a job not started yet whose learned minutes are {@code q}, drawn at level {@code u}: its own
     * quantile up to the tail's first level, the fleet's tail above it (in units of the job's own spread above the
     * median, so the two meet there). The learned quantiles' own far tail is a log-normal's fitted to a few jobs a
     * cell; the fleet's, held out, is fatter: on a demo's five days (224 jobs) its 98th percentile lay 2.67 spreads
     * above the median where a log-normal puts 2.05, and a window told behind two or three jobs breaks with any one
     * of them.
     */
    public double quantile(Quantiles q, double u) {
        double spread = q.logSpreadAbove();
        if (!learned() || !(u > LEVELS[0]) || !(spread > 0)) {
            return q.quantile(u);
        }
        return q.p50() * Math.exp(spread * standardized(Math.min(u, 0.9999)));
    }

    /**
     * Total minutes of a job under way whose learned minutes are {@code q} and which has lasted {@code elapsed}: drawn
     * ({@code u}) beyond what it lasted so far, from the fleet's tail once the job has gone past the tail's first
     * level, from its own learned quantiles before that.
     */
    public double total(Quantiles q, double elapsed, double u) {
        double spread = q.logSpreadAbove();
        double ze = elapsed > 0 ? Math.log(elapsed / q.p50()) / spread : Double.NEGATIVE_INFINITY;
        double drawn;
        if (!learned() || !(spread > 0) || ze <= z[0]) {
            double floor = q.cdf(elapsed);
            drawn = q.quantile(Math.min(floor + (1 - floor) * u, 0.9999));
        } else {
            double floor = level(ze);
            drawn = q.p50() * Math.exp(spread * standardized(Math.min(floor + (1 - floor) * u, 0.9999)));
        }
        return Math.max(elapsed + 1, drawn);
    }

    /**
     * The level of standardized value {@code v} (at least the first level's z): interpolated, beyond the last
     * extrapolated.
     */
    double level(double v) {
        int last = z.length - 1;
        for (int i = 1; i <= last; i++) {
            if (v <= z[i]) {
                double width = z[i] - z[i - 1];
                double f = width > 0 ? (v - z[i - 1]) / width : 1;
                // Interpolated on the log of what is left above, as an exponential tail would be.
                double a = Math.log(1 - LEVELS[i - 1]);
                return 1 - Math.exp(a + f * (Math.log(1 - LEVELS[i]) - a));
            }
        }
        return 1 - (1 - LEVELS[last]) * Math.exp(-(v - z[last]) / decay());
    }

    /** The standardized value at level {@code p} (at least the first level): the inverse of {@link #level}. */
    double standardized(double p) {
        int last = z.length - 1;
        double left = Math.log(1 - p);
        for (int i = 1; i <= last; i++) {
            if (p <= LEVELS[i]) {
                double a = Math.log(1 - LEVELS[i - 1]);
                double b = Math.log(1 - LEVELS[i]);
                return z[i - 1] + (left - a) / (b - a) * (z[i] - z[i - 1]);
            }
        }
        return z[last] - decay() * (left - Math.log(1 - LEVELS[last]));
    }

    /**
     * Beyond the last level the tail goes on exponentially (on the log scale: a power law in minutes) with the
     * decay measured between the 97.5th and the last level, at least half a spread per e-fold.
     */
    private double decay() {
        int from = 6;
        int last = z.length - 1;
        double perFold = (z[last] - z[from]) / (Math.log(1 - LEVELS[from]) - Math.log(1 - LEVELS[last]));
        return Math.max(0.5, perFold);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobTail other && jobs == other.jobs && Arrays.equals(z, other.z);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(z) + jobs;
    }

    @Override
    public String toString() {
        return "JobTail" + Arrays.toString(z) + " from " + jobs + " jobs";
    }
}
