package io.fieldcast.eta.forecast;

import io.fieldcast.eta.model.Quantiles;

import java.util.List;

/**
 * How far a technician's learned service time for one job type may be off, and what today's finished jobs of that
 * type say about it.
 *
 * <p>A model learned from a few weeks knows a technician's median for a job type only roughly
 * ({@link Quantiles#medianDoubtShare()}: a median from n jobs is off by about {@code sigma / sqrt(n + 4)}; on the
 * demo's four days of history the learned medians were off by 0.14 to 0.22 on the log scale). That error is shared
 * by every job of the type in the day: on the running platform one technician's three HVAC jobs all ran about 17 %
 * longer than learned, and the window told for the visit after them broke. Drawing each job's duration on its own
 * keeps each job's spread right but makes the sum of a morning's jobs too sure, exactly where first windows are told
 * hours ahead. So each Monte Carlo sample draws one offset per job type ({@link #mean} + {@link #sd} x z), and each
 * job keeps only the rest of its learned spread ({@link #keep}): a single job's distribution stays as learned and
 * calibrated on held-out data, while jobs of one type move together.
 *
 * <p>The offset starts from that prior and is updated by today's finished jobs of the type (normal on the log scale,
 * each job's log-ratio to the learned median clipped to {@value #CLIP} of its own spread so one job twice as long
 * moves the rest of the day, but not by all of it): a technician whose first install ran long is expected to run
 * long on the next install too, and one who was quick narrows the rest of the day.
 *
 * @param mean offset of the log median, from today's jobs (0 when none)
 * @param sd   how sure that offset is
 * @param keep share of the learned log-spread left to each job on its own
 */
record ServicePace(double mean, double sd, double keep) {

    /** A job type the technician never did is known from the fleet to about this (log scale). */
    static final double MAX_PRIOR_SD = 0.25;
    /** Each job keeps at least this share of its own log-spread. */
    static final double MIN_KEEP = 0.5;
    /** Today's jobs count up to this many of their own standard deviations. */
    static final double CLIP = 2.5;

    /** The pace for a job type with learned quantiles {@code learned}, given today's finished jobs' minutes. */
    static ServicePace of(Quantiles learned, List<Double> todayMinutes) {
        double sigma = learned.logSpreadAbove();
        if (!(sigma > 0)) {
            return new ServicePace(0, 0, 1);
        }
        double share = Math.min(MAX_PRIOR_SD * MAX_PRIOR_SD / (sigma * sigma), learned.medianDoubtShare());
        double prior = sigma * Math.sqrt(share);
        double keep = Math.sqrt(Math.max(MIN_KEEP * MIN_KEEP, 1 - share));
        double own = keep * sigma;
        double precision = 1 / (prior * prior);
        double weighted = 0;
        for (double minutes : todayMinutes) {
            if (!(minutes > 0)) {
                continue;
            }
            double r = Math.clamp(Math.log(minutes / learned.p50()), -CLIP * own, CLIP * own);
            precision += 1 / (own * own);
            weighted += r / (own * own);
        }
        return new ServicePace(weighted / precision, Math.sqrt(1 / precision), keep);
    }

    /** One job's minutes: {@code u} its own draw from the learned distribution, {@code z} the day's draw for its type. */
    double minutes(Quantiles learned, double u, double z) {
        double p50 = learned.p50();
        return p50 * Math.exp(mean + sd * z + keep * Math.log(learned.quantile(u) / p50));
    }
}
