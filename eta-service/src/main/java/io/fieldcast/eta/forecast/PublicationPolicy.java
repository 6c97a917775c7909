package io.fieldcast.eta.forecast;

import java.time.Duration;
import java.util.Optional;

/**
 * When a forecast is worth telling the customer: the first time a visit's 60-minute window reaches the target
 * probability without the technician expected to stand outside for more than {@code maxExpectedWait} (told windows
 * bind: nobody rings before the start), then only when that window moves by at least {@code materialMove} or its
 * probability drops by at least {@code probabilityDrop}. Everything else is noise that would make the phone buzz
 * for nothing.
 */
public final class PublicationPolicy {

    /** The forecast last published for a visit. */
    public record Published(java.time.Instant windowStart, java.time.Instant windowEnd, double probability,
                            int version, long planVersion, java.time.Instant promisedStart) {
    }

    private final double target;
    private final Duration materialMove;
    private final double probabilityDrop;
    private final Duration maxExpectedWait;

    /** No limit on the expected wait (for forecasts whose told windows do not bind, it is always 0). */
    public PublicationPolicy(double target, Duration materialMove, double probabilityDrop) {
        this(target, materialMove, probabilityDrop, Duration.ofDays(1));
    }

    public PublicationPolicy(double target, Duration materialMove, double probabilityDrop,
                             Duration maxExpectedWait) {
        this.target = target;
        this.materialMove = materialMove;
        this.probabilityDrop = probabilityDrop;
        this.maxExpectedWait = maxExpectedWait;
    }

    /** Whether a visit not told yet gets its first window now. */
    public boolean tellable(VisitForecast now) {
        return now.probability() >= target && now.expectedWaitMinutes() * 60 <= maxExpectedWait.toSeconds();
    }

    /** The reason to publish, or empty to stay quiet. */
    public Optional<String> decide(Published last, VisitForecast now, long planVersion) {
        if (last == null) {
            return tellable(now)
                    ? Optional.of("first 60-minute window, %.0f %% likely".formatted(100 * now.probability()))
                    : Optional.empty();
        }
        Duration moved = Duration.between(last.windowStart(), now.windowStart());
        if (moved.abs().compareTo(materialMove) >= 0) {
            boolean promiseChanged = last.promisedStart() != null && now.promisedStart() != null
                    && !last.promisedStart().equals(now.promisedStart());
            return Optional.of(Reasons.moved(moved, now, planVersion != last.planVersion(), promiseChanged));
        }
        if (now.probability() <= last.probability() - probabilityDrop) {
            return Optional.of("less certain: %.0f %% likely, was %.0f %%".formatted(100 * now.probability(),
                    100 * last.probability()));
        }
        return Optional.empty();
    }

    public double target() {
        return target;
    }
}
