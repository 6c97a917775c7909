package io.fieldcast.eta.forecast;

import io.fieldcast.eta.model.Quantiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one technician's learned service times may be off today, and what today's finished jobs say about it.
 *
 * <p>A learned median is itself only an estimate ({@link Quantiles#medianDoubtShare()}: from n jobs it is off by
 * about {@code sigma / sqrt(n + 4)}), and its error is the same for every job it is used for: for every job of that
 * type in the day, and, through the technician's own effect in the model, partly for every job of the technician.
 * On the running platform one technician's medians were all 15-20 % short (learned 76, 65, 74, 29 minutes for true
 * 93, 77, 88, 35), and the three windows told behind their afternoon jobs broke one after the other. Drawing each job
 * on its own keeps each job's spread right but makes a morning's sum too sure, exactly where first windows are told
 * hours ahead.
 *
 * <p>So each Monte Carlo sample draws offsets on the log scale: one for the technician (prior share
 * {@code 1 / (N + 4)} of the variance, N: all their jobs learned) and one per job type (share
 * {@code 1 / (n + 4)}), jointly normal, updated by today's completed jobs (a job of type c observes the technician's
 * offset plus c's, with its own remaining spread as noise, its log-ratio clipped to {@value #CLIP} spreads so one job
 * twice as long moves the day but not by all of it). A job's draw is its learned median x exp(offset + keep x its own
 * deviation), where {@code keep} leaves each job only the rest of its learned spread: one job's distribution stays
 * as learned (and calibrated on held-out data), jobs of one technician move together.
 */
final class DayPace {

    /** A job type the technician never did is known from the fleet to about this (log scale). */
    static final double MAX_TYPE_SD = 0.25;
    /** Each job keeps at least this share of its own log-spread. */
    static final double MIN_KEEP = 0.5;
    /** Today's jobs count up to this many of their own standard deviations. */
    static final double CLIP = 2.5;

    /** Offsets: the technician's (0), then one per job type, in {@link #types} order. */
    private final Map<String, Integer> types;
    private final double[] mean;
    private final double[][] chol;
    private final double[] keep;

    private DayPace(Map<String, Integer> types, double[] mean, double[][] chol, double[] keep) {
        this.types = types;
        this.mean = mean;
        this.chol = chol;
        this.keep = keep;
    }

    /**
     * The day's pace for a technician whose learned service quantiles are {@code learned} (by job type; the types
     * of the day's jobs at least), with {@code learnedJobs} jobs behind them in all, given today's completed jobs'
     * minutes by type.
     */
    static DayPace of(Map<String, Quantiles> learned, int learnedJobs, Map<String, List<Double>> today) {
        Map<String, Integer> types = new LinkedHashMap<>();
        learned.keySet().forEach(t -> types.put(t, types.size() + 1));
        int m = types.size() + 1;
        double[] prior = new double[m];
        double[] keep = new double[m];
        double[] sigma = new double[m];
        double techShare = 1 / (Math.max(0, learnedJobs) + Quantiles.PRIOR_SAMPLES);
        double sigmaSum = 0;
        for (var e : types.entrySet()) {
            Quantiles q = learned.get(e.getKey());
            int c = e.getValue();
            sigma[c] = Math.max(0, q.logSpreadAbove());
            sigmaSum += sigma[c];
            double typeShare = sigma[c] > 0
                    ? Math.min(MAX_TYPE_SD * MAX_TYPE_SD / (sigma[c] * sigma[c]), q.medianDoubtShare()) : 0;
            double share = Math.min(1 - MIN_KEEP * MIN_KEEP, techShare + typeShare);
            keep[c] = Math.sqrt(1 - share);
            // What is left of the share after the technician's part goes to the type.
            prior[c] = sigma[c] * Math.sqrt(Math.max(0, share - techShare));
        }
        prior[0] = types.isEmpty() ? 0 : sigmaSum / types.size() * Math.sqrt(techShare);
        keep[0] = 1;

        // Posterior of the offsets: precision = prior's + sum a a' / s2, mean = covariance x sum a r / s2.
        double[][] precision = new double[m][m];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            precision[i][i] = prior[i] > 0 ? 1 / (prior[i] * prior[i]) : 1e12;
        }
        today.forEach((type, minutes) -> {
            Integer c = types.get(type);
            if (c == null || sigma[c] <= 0) {
                return;
            }
            double own = keep[c] * sigma[c];
            double noise = own * own;
            for (double x : minutes) {
                if (!(x > 0)) {
                    continue;
                }
                double r = Math.clamp(Math.log(x / learned.get(type).p50()), -CLIP * own, CLIP * own);
                precision[0][0] += 1 / noise;
                precision[c][c] += 1 / noise;
                precision[0][c] += 1 / noise;
                precision[c][0] += 1 / noise;
                b[0] += r / noise;
                b[c] += r / noise;
            }
        });
        double[][] covariance = invert(precision);
        double[] mean = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                mean[i] += covariance[i][j] * b[j];
            }
        }
        return new DayPace(types, mean, cholesky(covariance), keep);
    }

    /** How many standard normal draws {@link #offsets} needs per sample. */
    int dimensions() {
        return mean.length;
    }

    /** One sample's offsets from {@link #dimensions()} standard normal draws {@code z}. */
    double[] offsets(double[] z) {
        double[] out = mean.clone();
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j <= i; j++) {
                out[i] += chol[i][j] * z[j];
            }
        }
        return out;
    }

    /** Index of job type {@code type} in {@link #offsets}, -1 when the pace does not know it. */
    int indexOf(String type) {
        return types.getOrDefault(type, -1);
    }

    /** One job's minutes: {@code u} its own draw from {@code learned}, {@code offsets} the sample's, {@code c} its type. */
    double minutes(Quantiles learned, double u, double[] offsets, int c) {
        return paced(learned.p50(), learned.quantile(u), offsets, c);
    }

    /**
     * One job's minutes when its own draw is already made: {@code own} minutes around a learned median {@code p50}
     * (the fleet's tail may have drawn it, {@link io.fieldcast.eta.model.JobTail#quantile}).
     */
    double paced(double p50, double own, double[] offsets, int c) {
        if (c < 0) {
            return own;
        }
        return p50 * Math.exp(offsets[0] + offsets[c] + keep[c] * Math.log(own / p50));
    }

    /** The expected log offset of job type {@code type} today (technician's and type's), 0 if unknown. */
    double meanOffset(String type) {
        int c = indexOf(type);
        return c < 0 ? 0 : mean[0] + mean[c];
    }

    /** Standard deviation of job type {@code type}'s log offset today. */
    double offsetSd(String type) {
        int c = indexOf(type);
        if (c < 0) {
            return 0;
        }
        double var = 0;
        for (int j = 0; j < mean.length; j++) {
            double v = chol[0][j] + chol[c][j];
            var += v * v;
        }
        return Math.sqrt(var);
    }

    /** Share of job type {@code type}'s learned spread a single job keeps on its own. */
    double keep(String type) {
        int c = indexOf(type);
        return c < 0 ? 1 : keep[c];
    }

    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            double p = m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && m[r][col] != 0) {
                    double f = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out[i], 0, n);
        }
        return out;
    }

    /** Lower-triangular L with L L' = a (a symmetric positive semi-definite; tiny negative pivots count as 0). */
    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = sum > 1e-15 ? Math.sqrt(sum) : 0;
                } else {
                    l[i][j] = l[j][j] > 0 ? sum / l[j][j] : 0;
                }
            }
        }
        return l;
    }
}
