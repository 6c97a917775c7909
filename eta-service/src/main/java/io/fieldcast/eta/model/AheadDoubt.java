package io.fieldcast.eta.model;

/**
 * How much less likely a first window is kept for every job its technician still has to finish before the visit, as
 * a shift of its log-odds: {@code logit(kept) = logit(share of sampled days inside it) - perJob x jobs ahead}.
 *
 * <p>The forecaster's days are sampled from what each piece of a day was learned to do, and each piece is about right
 * alone (the lab, living the demo's own technicians, is calibrated); on the running platform the first windows
 * announced about 0.91 held 131 of 133 times with no job before the visit, 0.87 with one, 0.83 with two and 0.70 with
 * three or more (session 27's seven runs): what a day with jobs ahead does wrong compounds with each job, more than the
 * samples say. One parameter, so that the few windows with three jobs ahead do not decide alone.
 *
 * @param perJob log-odds taken off per job ahead (0: none)
 */
public record AheadDoubt(double perJob) {

    public static final AheadDoubt NONE = new AheadDoubt(0);

    /** A share of sampled days is never taken as certain: at most this far from 0 or 1 before the shift. */
    private static final double EDGE = 1e-3;

    public AheadDoubt {
        if (!(perJob >= 0) || !Double.isFinite(perJob)) {
            throw new IllegalArgumentException("the doubt per job ahead must be a finite number >= 0, was " + perJob);
        }
    }

    public boolean none() {
        return perJob == 0;
    }

    /** The probability a window holding {@code share} of the sampled days is kept, {@code ahead} jobs before it. */
    public double kept(double share, int ahead) {
        if (none() || ahead <= 0) {
            return share;
        }
        return sigmoid(logit(share) - perJob * ahead);
    }

    /** The share of sampled days a window must hold to be kept with probability {@code target} ({@link #kept}). */
    public double shareFor(double target, int ahead) {
        if (none() || ahead <= 0) {
            return target;
        }
        return Math.min(1, sigmoid(logit(target) + perJob * ahead));
    }

    private static double logit(double p) {
        double q = Math.clamp(p, EDGE, 1 - EDGE);
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
