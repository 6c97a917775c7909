package io.fieldcast.eta.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * The last chance to tell a visit's first window an hour ahead: while its median arrival is at most {@code lead}
 * away. Then a window may cost up to {@code maxWait} of expected waiting outside, and when the window that reaches
 * the usual target would cost more, the forecaster offers the latest window within that wait instead, kept with a
 * lower probability, which may be told down to {@code target}. An hour's notice of a window that holds four times in
 * five is worth more to the customer than no window until the van is nearly there, and near the visit the forecast
 * is sure enough of itself to say so: the demo's first windows told one to two hours ahead were all kept (117 of 117
 * in session 22's seven runs) while every visit that got no hour's notice had been held for the wait.
 *
 * <p>One rule for both sides: {@link ArrivalForecaster} places the window, {@link PublicationPolicy} decides whether
 * it is told.
 */
public record LastChance(Duration lead, Duration maxWait, double target) {

    /** No last chance: every first window reaches the usual target within the usual wait. */
    public static final LastChance NONE = new LastChance(Duration.ZERO, Duration.ZERO, 1);

    public LastChance {
        if (lead.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("last chance lead and wait must not be negative");
        }
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("last chance target must lie in (0, 1], was " + target);
        }
    }

    /** Whether a visit whose median arrival is {@code p50} is at its last chance at {@code now} (null: never). */
    public boolean applies(Instant p50, Instant now) {
        return now != null && !lead.isZero() && !p50.isAfter(now.plus(lead));
    }

    /** Whether a window below {@code usualTarget} may be offered at the last chance. */
    public boolean lowersTarget(double usualTarget) {
        return !lead.isZero() && target < usualTarget;
    }
}
