package io.fieldcast.eta.model;

import io.fieldcast.eta.history.LivedDay;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

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
 * @param visits how many visits with a job ahead it was learned from (0: set by hand, or none seen; below
 *               {@value #MIN_VISITS} it is none)
 */
public record AheadDoubt(double perJob, int visits) {

    public static final AheadDoubt NONE = new AheadDoubt(0, 0);

    /** Below this many visits with a job ahead the lived days say too little: no doubt learned. */
    static final int MIN_VISITS = 30;
    /** No more than this much is ever taken off per job (a window 0.9 by its samples, 0.45 with one job ahead). */
    static final double MAX_PER_JOB = 2.4;

    /**
     * A visit's first window as the forecaster told it or would have: the share of its sampled days inside it (by its
     * end: an earlier van waits for it), the jobs ahead of its visit then, and whether the arrival was inside.
     */
    public record Seen(double share, int ahead, boolean kept) {
    }

    /**
     * Sees lived days again as the forecaster saw them, each with the model {@code without} gives for its date (one
     * trained without that day: what it learned was not fitted on what it is scored on): the first window each visit
     * would have been told, and whether it held.
     */
    public interface Learner {
        List<Seen> seen(List<LivedDay> days, Function<LocalDate, LearnedModel> without, DoubleConsumer progress);

        /**
         * The notice a first window gives before the arrival to count, here and among the windows the platform told:
         * the evaluation's, so that the doubt is learned from the windows the hit rate is scored on.
         */
        Duration notice();
    }

    /** A doubt set by hand (not learned from any visit). */
    public AheadDoubt(double perJob) {
        this(perJob, 0);
    }

    /**
     * The doubt per job ahead that makes these windows' announced probabilities, so discounted, most likely to give
     * what happened (the maximum of the likelihood, which the windows with no job ahead do not move), never below 0:
     * a forecaster that is not over-sure is left alone.
     */
    public static AheadDoubt learn(List<Seen> seen) {
        int counted = (int) seen.stream().filter(w -> w.ahead() > 0).count();
        if (counted < MIN_VISITS || slope(seen, 0) <= 0) {
            return new AheadDoubt(0, counted); // too few to say, or not over-sure
        }
        if (slope(seen, MAX_PER_JOB) >= 0) {
            return new AheadDoubt(MAX_PER_JOB, counted);
        }
        double lo = 0;
        double hi = MAX_PER_JOB;
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (slope(seen, mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new AheadDoubt((lo + hi) / 2, counted);
    }

    /** How the log-likelihood grows with the doubt at {@code perJob}: decreasing in it, zero at the best. */
    private static double slope(List<Seen> seen, double perJob) {
        double g = 0;
        for (Seen w : seen) {
            if (w.ahead() > 0) {
                g += w.ahead() * (sigmoid(logit(w.share()) - perJob * w.ahead()) - (w.kept() ? 1 : 0));
            }
        }
        return g;
    }

    /** A share of sampled days is never taken as certain: at most this far from 0 or 1 before the shift. */
    private static final double EDGE = 1e-3;

    public AheadDoubt {
        if (!(perJob >= 0) || !Double.isFinite(perJob)) {
            throw new IllegalArgumentException("the doubt per job ahead must be a finite number >= 0, was " + perJob);
        }
        visits = Math.max(0, visits);
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

    @Override
    public String toString() {
        String seen = visits == 0 ? "" : " (%d visits)".formatted(visits);
        return none() ? "no doubt per job ahead" + seen : "%.2f log-odds per job ahead%s".formatted(perJob, seen);
    }
}
