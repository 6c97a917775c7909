package io.fieldcast.eta.forecast;

import io.fieldcast.eta.report.HeldReason;
import io.fieldcast.events.ArrivalForecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a forecast is worth telling the customer: the first time a visit's 60-minute window reaches the target
 * probability without the technician expected to stand outside for more than {@code maxExpectedWait} (told windows
 * bind: nobody rings before the start), then only when that window moves by at least {@code materialMove} (told, it
 * goes where the forecaster placed a move: {@link #toPublish}) or its probability drops by at least
 * {@code probabilityDrop}. Everything else is noise that would make the phone buzz
 * for nothing. Two rules keep the platform's promise: a first window waits until the technician's route has settled
 * (a route just re-planned may move again), and a told window whose probability of being kept falls below
 * {@code toldRisk} is published once per visit ({@code riskSignalled}) so that dispatch re-plans the rest of the day.
 */
public final class PublicationPolicy {

    /** How the reason of a window moved on the way begins ({@link #decideOnTheWay}). */
    private static final String ON_THE_WAY_REASON = "on the way, window moved";
    /** The grid of a window moved on the way ({@link #onTheWay}). */
    private static final Duration ON_THE_WAY_GRID = Duration.ofMinutes(5);

    /** The forecast last published for a visit. */
    public record Published(Instant windowStart, Instant windowEnd, double probability,
                            int version, long planVersion, Instant promisedStart, boolean riskSignalled) {

        public Published(Instant windowStart, Instant windowEnd, double probability, int version,
                         long planVersion, Instant promisedStart) {
            this(windowStart, windowEnd, probability, version, planVersion, promisedStart, false);
        }
    }


    private final double target;
    private final Duration materialMove;
    private final double probabilityDrop;
    private final Duration maxExpectedWait;
    private final double toldRisk;
    private final LastChance lastChance;
    private final double moveLaterBelow;
    private final double onTheWayLateBelow;

    /** No limit on the expected wait (for forecasts whose told windows do not bind, it is always 0). */
    public PublicationPolicy(double target, Duration materialMove, double probabilityDrop) {
        this(target, materialMove, probabilityDrop, Duration.ofDays(1));
    }

    public PublicationPolicy(double target, Duration materialMove, double probabilityDrop,
                             Duration maxExpectedWait) {
        this(target, materialMove, probabilityDrop, maxExpectedWait, 0);
    }

    /** {@code toldRisk}: a told window kept with a lower probability is at risk (0: never signalled). */
    public PublicationPolicy(double target, Duration materialMove, double probabilityDrop,
                             Duration maxExpectedWait, double toldRisk) {
        this(target, materialMove, probabilityDrop, maxExpectedWait, toldRisk, LastChance.NONE, 1, 0);
    }

    private PublicationPolicy(double target, Duration materialMove, double probabilityDrop, Duration maxExpectedWait,
                              double toldRisk, LastChance lastChance, double moveLaterBelow,
                              double onTheWayLateBelow) {
        this.target = target;
        this.materialMove = materialMove;
        this.probabilityDrop = probabilityDrop;
        this.maxExpectedWait = maxExpectedWait;
        this.toldRisk = toldRisk;
        this.lastChance = lastChance;
        this.moveLaterBelow = moveLaterBelow;
        this.onTheWayLateBelow = onTheWayLateBelow;
    }

    /**
     * The same policy with {@code last} as its last chance: a first window whose median arrival is at most its lead
     * away may cost up to its wait of expected waiting (an hour's notice is worth a few more minutes of the technician
     * standing outside; a window told earlier than that waits for the cheaper moment, when the day ahead of it is
     * better known), and be told with a probability down to its target (the forecaster offers such a window only when
     * built with the same {@link LastChance}).
     */
    public PublicationPolicy withLastChance(LastChance last) {
        return new PublicationPolicy(target, materialMove, probabilityDrop, maxExpectedWait, toldRisk, last,
                moveLaterBelow, onTheWayLateBelow);
    }

    /**
     * The same policy, except that a told window moves later only once it is kept with a probability below
     * {@code below} (1: whenever the likeliest hour lies {@code materialMove} later). A later move is a minute of waiting
     * for each minute the job before ends sooner than feared, and a window still likely kept holds its arrival as it
     * is; earlier moves (a re-plan, a day going faster) are as before.
     */
    public PublicationPolicy withMovesLaterBelow(double below) {
        return new PublicationPolicy(target, materialMove, probabilityDrop, maxExpectedWait, toldRisk, lastChance,
                below, onTheWayLateBelow);
    }

    /**
     * The same policy, except that once the van has set off for a visit its told window moves when it is kept with a
     * probability below {@code below} ({@link #decideOnTheWay}; 0: never, as before).
     */
    public PublicationPolicy withOnTheWayLateBelow(double below) {
        return new PublicationPolicy(target, materialMove, probabilityDrop, maxExpectedWait, toldRisk, lastChance,
                moveLaterBelow, below);
    }

    /**
     * The reason to publish for a visit the van has set off for, or empty. Its customer hears "on the way" and can
     * follow the van, so nothing is said while the told window holds; once it is lost (kept with a probability below
     * the limit of {@link #withOnTheWayLateBelow}: a van set off after a job ran long, or held up on the way), the
     * window moves to {@link #onTheWay}, later than the one told, and customer-notify texts it as a delay.
     */
    public Optional<String> decideOnTheWay(Published last, VisitForecast now) {
        if (last == null || !now.told() || now.toldProbability() >= onTheWayLateBelow) {
            return Optional.empty();
        }
        VisitForecast moved = onTheWay(now);
        if (!moved.windowEnd().isAfter(last.windowEnd())) {
            return Optional.empty();
        }
        return Optional.of((ON_THE_WAY_REASON + " %d min later: %.0f %% likely by the end of the one told")
                .formatted(Duration.between(last.windowStart(), moved.windowStart()).toMinutes(),
                        100 * now.toldProbability()));
    }

    /**
     * The window a delay on the way tells: the hour around the median arrival, its start on the grid of 5 minutes
     * before it. Half an hour on either side holds a drive whose end is near (a van that stops again moves it again),
     * and a start half an hour before the median is not one the van reaches before its text reaches the phone (the
     * technician never rings before a told start). Its probability is the forecast's own.
     */
    public VisitForecast onTheWay(VisitForecast now) {
        Duration width = Duration.between(now.windowStart(), now.windowEnd());
        long grid = ON_THE_WAY_GRID.toSeconds();
        long start = Math.floorDiv(now.p50().minus(width.dividedBy(2)).getEpochSecond(), grid) * grid;
        Instant from = Instant.ofEpochSecond(start);
        return now.keeping(from, from.plus(width));
    }

    /** Whether a visit not told yet gets its first window now, without regard to how soon it comes. */
    public boolean tellable(VisitForecast f) {
        return tellable(f, null);
    }

    /** Whether a visit not told yet gets its first window at {@code now} (null: not the last chance). */
    public boolean tellable(VisitForecast f, Instant now) {
        return held(f, now).isEmpty();
    }

    /** Why a visit not told yet gets no first window at {@code now}, empty when it does. */
    public Optional<String> held(VisitForecast f, Instant now) {
        boolean last = lastChance.applies(f.p50(), now);
        double needed = last ? Math.min(target, lastChance.target()) : target;
        if (f.probability() < needed) {
            return Optional.of(HeldReason.UNLIKELY.text("%.0f %%, below %.0f %%".formatted(100 * f.probability(),
                    100 * needed)));
        }
        Duration limit = last ? lastChance.maxWait() : maxExpectedWait;
        if (f.expectedWaitMinutes() * 60 > limit.toSeconds()) {
            return Optional.of(HeldReason.LONG_WAIT.text("%.0f min, above %d".formatted(f.expectedWaitMinutes(),
                    limit.toMinutes())));
        }
        return Optional.empty();
    }

    /** The reason to publish, or empty to stay quiet; the route counts as settled. */
    public Optional<String> decide(Published last, VisitForecast now, long planVersion) {
        return decide(last, now, planVersion, true);
    }

    /** {@code routeSettled}: the technician's route has not changed for a while, so a first window may be told. */
    public Optional<String> decide(Published last, VisitForecast now, long planVersion, boolean routeSettled) {
        return decide(last, now, planVersion, routeSettled, null);
    }

    /** {@code at}: when the forecast is made (the last chance to tell a window an hour ahead), null to ignore it. */
    public Optional<String> decide(Published last, VisitForecast now, long planVersion, boolean routeSettled,
                                   Instant at) {
        return decide(last, now, planVersion, routeSettled, at, null);
    }

    /**
     * {@code toldStart}: the start of the window the customer was last texted (null: the last one published). When it
     * is not the last one published (a text replayed, an update the customer was not sent), the forecast is published
     * as it is, so that what is published catches up with what was told.
     */
    public Optional<String> decide(Published last, VisitForecast now, long planVersion, boolean routeSettled,
                                   Instant at, Instant toldStart) {
        if (last == null) {
            return routeSettled && tellable(now, at)
                    ? Optional.of("first 60-minute window, %.0f %% likely".formatted(100 * now.probability()))
                    : Optional.empty();
        }
        if (moves(last, now, toldStart)) {
            boolean promiseChanged = last.promisedStart() != null && now.promisedStart() != null
                    && !last.promisedStart().equals(now.promisedStart());
            return Optional.of(Reasons.moved(Duration.between(last.windowStart(), now.moved().windowStart()), now,
                    planVersion != last.planVersion(), promiseChanged));
        }
        if (atRisk(now) && !last.riskSignalled()) {
            return Optional.of("told window at risk: %.0f %% likely to be kept".formatted(
                    100 * now.toldProbability()));
        }
        if (now.probability() <= last.probability() - probabilityDrop) {
            return Optional.of("less certain: %.0f %% likely, was %.0f %%".formatted(100 * now.probability(),
                    100 * last.probability()));
        }
        return Optional.empty();
    }

    /**
     * The forecast as published after {@code last}: when the told window moves, with the window the forecaster placed
     * for a move ({@link VisitForecast#moved()}); a risk or a drop in probability keeps the window told (not the
     * likeliest hour, which may lie up to {@code materialMove} from it, or further when later moves wait for the told
     * window to be unlikely kept); a first window as it is.
     */
    public VisitForecast toPublish(Published last, VisitForecast now) {
        return toPublish(last, now, null);
    }

    /** {@link #toPublish(Published, VisitForecast)} knowing the start of the window last texted (see {@link #decide}). */
    public VisitForecast toPublish(Published last, VisitForecast now, Instant toldStart) {
        if (last == null) {
            return now;
        }
        return moves(last, now, toldStart) ? now.moved() : now.keeping(last.windowStart(), last.windowEnd());
    }

    /**
     * Whether the told window moves: the hour the arrival is now likeliest in lies {@code materialMove} from it, and,
     * later, the told window is no longer likely kept ({@link #withMovesLaterBelow}; unless what was published is not
     * what was told, {@code toldStart}, null: it is).
     */
    private boolean moves(Published last, VisitForecast now, Instant toldStart) {
        if (!movedMaterially(last, now)) {
            return false;
        }
        boolean inSync = toldStart == null || toldStart.equals(last.windowStart());
        return now.windowStart().isBefore(last.windowStart()) || !now.told() || !inSync
                || now.toldProbability() < moveLaterBelow;
    }

    /** Whether the forecast's window lies {@code materialMove} or more from the one last published. */
    private boolean movedMaterially(Published last, VisitForecast now) {
        return Duration.between(last.windowStart(), now.windowStart()).abs().compareTo(materialMove) >= 0;
    }

    /** Whether the window the customer was told is predicted to break. */
    public boolean atRisk(VisitForecast now) {
        return now.told() && now.toldProbability() < toldRisk;
    }

    /**
     * Whether the risk of the told window has been signalled once this forecast is stored: by any publication that
     * carries it at risk, and for good. Dispatch keeps what comes before a told visit as it is, so the one re-plan a
     * risk buys is spent on the rest of the day; telling it again each time the probability wobbles around the
     * threshold only re-planned the day every quarter of an hour.
     */
    public boolean riskSignalledAfter(Published last, VisitForecast now, boolean published) {
        return (last != null && last.riskSignalled()) || (published && atRisk(now));
    }

    /**
     * Why the window moved against the last one published, as a {@code CAUSE_*} code; null for a first window or one
     * that did not move materially (a risk signal, a drop in probability).
     */
    public String cause(Published last, VisitForecast now, long planVersion) {
        return cause(last, now, planVersion, null);
    }

    /** {@link #cause(Published, VisitForecast, long)} knowing the reason it is published for. */
    public String cause(Published last, VisitForecast now, long planVersion, String reason) {
        if (last == null) {
            return null;
        }
        if (reason != null && reason.startsWith(ON_THE_WAY_REASON)) {
            return ArrivalForecast.CAUSE_HELD_UP_ON_THE_WAY;
        }
        if (!movedMaterially(last, now)) {
            return null;
        }
        Duration moved = Duration.between(last.windowStart(), now.moved().windowStart());
        boolean promiseChanged = last.promisedStart() != null && now.promisedStart() != null
                && !last.promisedStart().equals(now.promisedStart());
        return Reasons.cause(moved, now, planVersion != last.planVersion(), promiseChanged);
    }

    public double toldRisk() {
        return toldRisk;
    }

    public double target() {
        return target;
    }
}
