package io.fieldcast.eta.forecast;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.history.DayBook;
import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.Rows;
import io.fieldcast.eta.history.VisitProgress;
import io.fieldcast.eta.model.AheadDoubt;
import io.fieldcast.eta.model.JobTail;
import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.model.ModelStore;
import io.fieldcast.eta.model.TapLag;
import io.fieldcast.eta.model.TimeLeftReads;
import io.fieldcast.eta.report.EvaluationReport;
import io.fieldcast.eta.report.HeldReason;
import io.fieldcast.eta.road.RoadLeg;
import io.fieldcast.eta.road.Roads;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.Events;
import io.fieldcast.platform.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Recomputes a technician's day of forecasts, stores the latest per visit and publishes (through the outbox, in the
 * same transaction as the stored state) those the publication policy lets through. Callers run it inside their
 * transaction, right after the event that changed the day.
 */
@ApplicationScoped
public class ForecastService {

    private static final Logger LOG = Logger.getLogger(ForecastService.class);

    /** One row of GET /api/forecasts. */
    public record StoredForecast(UUID appointmentId, String technicianId, LocalDate day, Instant p50,
                                 Instant windowStart, Instant windowEnd, double probability, Instant promisedStart,
                                 Instant promisedEnd, Instant computedAt, String modelVersion, int publishedVersion,
                                 Instant publishedWindowStart, Instant publishedWindowEnd, String reason) {
    }

    private final DayBook days;
    private final ModelStore models;
    private final Outbox outbox;
    private final Clock clock;
    private final ArrivalForecaster forecaster;
    private final PublicationPolicy policy;
    private final Timer recomputeTimer;
    private final ZoneId zone;
    private final Duration minRouteAge;
    private final boolean jobTail;
    private final boolean timeLeft;
    private final boolean tapLag;
    private final Duration maxLead;
    private final Duration maxOvertime;
    private final Duration silenceHold;
    private final Counter heldMoves;
    private final TimeLeftAsks asks;

    public ForecastService(DayBook days, ModelStore models, Outbox outbox, Clock clock, Roads roads,
                           EtaSettings settings, MeterRegistry meters, TimeLeftAsks asks) {
        this.days = days;
        this.asks = asks;
        this.models = models;
        this.outbox = outbox;
        this.clock = clock;
        EtaSettings.Forecast f = settings.forecast();
        this.zone = settings.zone();
        this.forecaster = forecaster(roads, settings);
        this.policy = policy(settings);
        this.jobTail = f.jobTail();
        this.timeLeft = f.timeLeft();
        this.tapLag = f.tapLag();
        this.minRouteAge = f.minRouteAge();
        this.maxLead = f.maxLead();
        this.maxOvertime = f.maxOvertime();
        this.silenceHold = f.silenceHold();
        this.heldMoves = Counter.builder("eta.forecast.held.moves")
                .description("changes to told windows held back: the phone silent, or its taps behind its fixes")
                .register(meters);
        // Load + Monte Carlo + store + outbox of one technician day: the issue asks p99 < 1 s.
        this.recomputeTimer = Timer.builder("eta.forecast.recompute").publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /**
     * The forecaster as the settings make it: told windows binding (unless switched off), the last chance, where a
     * moved window goes, and a doubt per job ahead set by hand when one is (else the model's).
     */
    static ArrivalForecaster forecaster(RoadLeg.Timer roads, EtaSettings settings) {
        EtaSettings.Forecast f = settings.forecast();
        ArrivalForecaster forecaster = new ArrivalForecaster(roads, f.samples(), f.windowWidth(), f.windowGrid(),
                settings.zone(), f.toldWindowsBind() ? f.target() : Double.NaN)
                .withLastChance(new LastChance(f.lastChanceLead(), f.lastChanceMaxWait(), f.lastChanceTarget()))
                .withMoves(new MovePlacement(f.moveTarget(), f.moveMaxWait()));
        return f.aheadDoubt().map(d -> forecaster.withAheadDoubt(new AheadDoubt(d))).orElse(forecaster);
    }

    /** When a forecast is worth telling, as the settings say. */
    static PublicationPolicy policy(EtaSettings settings) {
        EtaSettings.Forecast f = settings.forecast();
        return new PublicationPolicy(f.target(), f.materialMove(), f.probabilityDrop(), f.maxExpectedWait(),
                f.toldRisk()).withLastChance(new LastChance(f.lastChanceLead(), f.lastChanceMaxWait(),
                        f.lastChanceTarget())).withMovesLaterBelow(f.moveLaterBelow())
                .withOnTheWayLateBelow(f.onTheWayLateBelow());
    }

    /** In the caller's transaction; returns how many forecasts were published. Past days are history, not forecast. */
    public Uni<Integer> recompute(DayBook.TechDay td) {
        Instant now = clock.instant();
        if (td.day().isBefore(LocalDate.ofInstant(now, zone))) {
            return Uni.createFrom().item(0);
        }
        long started = System.nanoTime();
        return days.load(td, now).chain(state -> state.isEmpty() ? Uni.createFrom().item(0)
                : apply(state.get(), forecaster.forecast(state.get(), model(),
                        f -> mayTellFirst(state.get(), f, now) && policy.tellable(f, now)), models.current(), now))
                .invoke(x -> recomputeTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** {@link #recompute} of each of these days in turn, in the caller's transaction. */
    public Uni<Void> recomputeAll(List<DayBook.TechDay> affected) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DayBook.TechDay td : affected) {
            chain = chain.chain(() -> recompute(td).replaceWithVoid());
        }
        return chain;
    }

    /**
     * A first window may be told from a settled route, no more than {@code max-lead} before it starts, and only when
     * it ends before the shift and its {@code max-overtime} do.
     */
    private boolean mayTellFirst(DayState day, VisitForecast f, Instant now) {
        return day.routeSettled(minRouteAge) && withinLead(f.windowStart(), now, maxLead)
                && pastShift(day, f, maxOvertime) == null;
    }

    /** How long after the shift and its overtime {@code f}'s window would end, null when it ends in time. */
    static Duration pastShift(DayState day, VisitForecast f, Duration maxOvertime) {
        if (day.shiftEnd() == null) {
            return null;
        }
        Duration past = Duration.between(day.shiftEnd().plus(maxOvertime), f.windowEnd());
        return past.isPositive() ? past : null;
    }

    /**
     * Why a visit still an hour or more away gets no first window now (null when it is nearer: a window told then
     * no longer counts as an hour's notice, so the reason that matters is the last one before). Stored with the
     * forecast so that the report can say why a customer was not told in time.
     */
    private String held(DayState day, VisitForecast f, Instant now, boolean enRoute, String tapsBehind) {
        if (f.p50().isBefore(now.plus(EvaluationReport.MIN_LEAD))) {
            return null;
        }
        if (enRoute) {
            return HeldReason.ON_THE_WAY.text("");
        }
        if (tapsBehind != null) {
            return HeldReason.TAPS_BEHIND.text(tapsBehind);
        }
        if (!day.routeSettled(minRouteAge)) {
            return HeldReason.ROUTE_CHANGED.text("less than %d min ago".formatted(minRouteAge.toMinutes()));
        }
        if (!withinLead(f.windowStart(), now, maxLead)) {
            return HeldReason.TOO_FAR_AHEAD.text("%d h ahead".formatted(maxLead.toHours()));
        }
        Duration pastShift = pastShift(day, f, maxOvertime);
        if (pastShift != null) {
            return HeldReason.PAST_SHIFT.text("by %d min".formatted(pastShift.toMinutes()));
        }
        return policy.held(f, now).orElse(null);
    }

    static boolean withinLead(Instant windowStart, Instant now, Duration maxLead) {
        return !windowStart.isAfter(now.plus(maxLead));
    }

    /** p99 of recompute time so far, in ms (for tests and the README figure). */
    public double recomputeP99Millis() {
        for (var v : recomputeTimer.takeSnapshot().percentileValues()) {
            if (v.percentile() == 0.99) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    public Uni<Integer> recomputeInOwnTransaction(DayBook.TechDay td) {
        return Panache.withTransaction(() -> recompute(td));
    }

    /**
     * Stores and publishes each forecast as the policy says, then asks the technician how long the job in hand still
     * takes when a customer's first window waits on it ({@link TimeLeftAsks}).
     */
    private Uni<Integer> apply(DayState day, List<VisitForecast> forecasts, LearnedModel model, Instant now) {
        List<TimeLeftAsks.Held> untold = new ArrayList<>();
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (VisitForecast f : forecasts) {
            chain = chain.chain(published -> Panache.getSession().chain(s -> previous(s, f))
                    .chain(last -> {
                        // Once the van has set off for a visit, "on the way" says more than a window; a window
                        // told now could reach the phone after the van is at the door, and bind nothing. Only a
                        // told window lost on the way moves, as a delay.
                        VisitProgress progress = day.progressOf(f.appointmentId());
                        boolean enRoute = progress.enRouteAt() != null;
                        boolean driving = enRoute && progress.arrivedAt() == null && !progress.done();
                        Instant toldStart = day.toldStart(f.appointmentId());
                        Optional<String> wanted = driving ? (MoveHold.atTheDoor(day, f.appointmentId())
                                ? Optional.empty() : policy.decideOnTheWay(last.orElse(null), f))
                                : enRoute ? Optional.empty()
                                : policy.decide(last.orElse(null), f, day.planVersion(), mayTellFirst(day, f, now),
                                        now, toldStart);
                        // A phone silent, or its taps behind its fixes: no told window moves on what is missing.
                        String hold = wanted.isEmpty() ? null
                                : last.isPresent() ? MoveHold.why(day, silenceHold) : MoveHold.tapsBehind(day);
                        Optional<String> reason = hold != null ? Optional.empty() : wanted;
                        if (hold != null) {
                            if (last.isPresent()) {
                                heldMoves.increment(); // a held first window changes no told window
                            }
                            LOG.infof("held for %s, %s: %s (visit %s)", day.technicianId(), hold, wanted.get(),
                                    f.appointmentId());
                        }
                        String held = last.isEmpty() && reason.isEmpty() ? held(day, f, now, enRoute, hold) : null;
                        if (held != null) {
                            untold.add(new TimeLeftAsks.Held(f, held));
                        }
                        VisitForecast told = reason.isEmpty() ? f : driving ? policy.onTheWay(f)
                                : policy.toPublish(last.orElse(null), f, toldStart);
                        return store(day, told, model, now, last, reason, held)
                                .map(x -> published + (reason.isPresent() ? 1 : 0));
                    }));
        }
        return chain.chain(published -> asks.consider(day, untold, now).replaceWith(published));
    }

    /** The jobs the technician still has to finish before this visit: the ones between, and the one in hand. */
    static int jobsAhead(DayState day, VisitForecast f) {
        boolean inHand = day.visits().stream().anyMatch(v -> day.progressOf(v.appointmentId()).inService());
        return f.visitsBefore() + (inHand ? 1 : 0);
    }

    private static Uni<Optional<PublicationPolicy.Published>> previous(Mutiny.Session s, VisitForecast f) {
        return s.createNativeQuery("""
                        select published_window_start, published_window_end, published_probability,
                               published_version, published_plan_version, published_promised_start, risk_signalled
                        from forecast where appointment_id = :a and published_version > 0""", Object[].class)
                .setParameter("a", f.appointmentId()).getResultList()
                .map(rows -> rows.stream().findFirst().map(r -> new PublicationPolicy.Published(
                        Rows.instant(r[0]), Rows.instant(r[1]), Rows.number(r[2]), ((Number) r[3]).intValue(),
                        ((Number) r[4]).longValue(), Rows.instant(r[5]), Boolean.TRUE.equals(r[6]))));
    }

    private Uni<Void> store(DayState day, VisitForecast f, LearnedModel model, Instant now,
                            Optional<PublicationPolicy.Published> last, Optional<String> reason, String held) {
        int version = last.map(PublicationPolicy.Published::version).orElse(0) + (reason.isPresent() ? 1 : 0);
        boolean first = reason.isPresent() && last.isEmpty();
        int ahead = jobsAhead(day, f);
        Uni<Integer> upsert = Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into forecast (appointment_id, technician_id, day, p50, window_start, window_end,
                                              probability, promised_start, promised_end, computed_at, model_version,
                                              published_version, published_window_start, published_window_end,
                                              published_probability, published_plan_version, published_at, reason,
                                              published_promised_start, first_published_at, first_window_start,
                                              first_window_end, first_probability, first_p50, first_model_version,
                                              told_probability, risk_signalled, held_reason, held_at,
                                              first_jobs_ahead, first_share)
                        values (:a, :t, :d, :p50, :ws, :we, :p, :ps, :pe, :now, :mv, :pv, :pws, :pwe, :pp, :ppv,
                                :pat, :reason, :pps, :fat, :fws, :fwe, :fp, :fp50, :fmv, :tp, :rs, :hr, :hat,
                                :fja, :fsh)
                        on conflict (appointment_id) do update set technician_id = excluded.technician_id,
                            day = excluded.day, p50 = excluded.p50, window_start = excluded.window_start,
                            window_end = excluded.window_end, probability = excluded.probability,
                            promised_start = excluded.promised_start, promised_end = excluded.promised_end,
                            computed_at = excluded.computed_at, model_version = excluded.model_version,
                            published_version = excluded.published_version,
                            published_window_start = excluded.published_window_start,
                            published_window_end = excluded.published_window_end,
                            published_probability = excluded.published_probability,
                            published_plan_version = excluded.published_plan_version,
                            published_at = coalesce(excluded.published_at, forecast.published_at),
                            reason = coalesce(excluded.reason, forecast.reason),
                            published_promised_start = excluded.published_promised_start,
                            first_published_at = coalesce(forecast.first_published_at, excluded.first_published_at),
                            first_window_start = coalesce(forecast.first_window_start, excluded.first_window_start),
                            first_window_end = coalesce(forecast.first_window_end, excluded.first_window_end),
                            first_probability = coalesce(forecast.first_probability, excluded.first_probability),
                            first_p50 = coalesce(forecast.first_p50, excluded.first_p50),
                            first_model_version = coalesce(forecast.first_model_version,
                                                           excluded.first_model_version),
                            told_probability = excluded.told_probability,
                            risk_signalled = excluded.risk_signalled,
                            held_reason = coalesce(excluded.held_reason, forecast.held_reason),
                            held_at = coalesce(excluded.held_at, forecast.held_at),
                            first_jobs_ahead = coalesce(forecast.first_jobs_ahead, excluded.first_jobs_ahead),
                            first_share = coalesce(forecast.first_share, excluded.first_share)""")
                .setParameter("a", f.appointmentId()).setParameter("t", day.technicianId())
                .setParameter("d", day.date()).setParameter("p50", Rows.utc(f.p50()))
                .setParameter("ws", Rows.utc(f.windowStart())).setParameter("we", Rows.utc(f.windowEnd()))
                .setParameter("p", f.probability()).setParameter("ps", Rows.utc(f.promisedStart()))
                .setParameter("pe", Rows.utc(f.promisedEnd())).setParameter("now", Rows.utc(now))
                .setParameter("mv", model.version()).setParameter("pv", version)
                .setParameter("pws", Rows.utc(reason.isPresent() ? f.windowStart()
                        : last.map(PublicationPolicy.Published::windowStart).orElse(null)))
                .setParameter("pwe", Rows.utc(reason.isPresent() ? f.windowEnd()
                        : last.map(PublicationPolicy.Published::windowEnd).orElse(null)))
                .setParameter("pp", reason.isPresent() ? Double.valueOf(f.probability())
                        : last.map(PublicationPolicy.Published::probability).orElse(null))
                .setParameter("ppv", reason.isPresent() ? Long.valueOf(day.planVersion())
                        : last.map(PublicationPolicy.Published::planVersion).orElse(null))
                .setParameter("pat", reason.isPresent() ? Rows.utc(now) : null)
                .setParameter("reason", reason.orElse(null))
                .setParameter("pps", Rows.utc(reason.isPresent() ? f.promisedStart()
                        : last.map(PublicationPolicy.Published::promisedStart).orElse(null)))
                // Only the first publication fills these; the update keeps what is there (the evaluation's input).
                .setParameter("fat", first ? Rows.utc(now) : null)
                .setParameter("fws", Rows.utc(first ? f.windowStart() : null))
                .setParameter("fwe", Rows.utc(first ? f.windowEnd() : null))
                .setParameter("fp", first ? Double.valueOf(f.probability()) : null)
                .setParameter("fp50", Rows.utc(first ? f.p50() : null))
                .setParameter("fmv", first ? model.version() : null)
                .setParameter("tp", f.told() ? Double.valueOf(f.toldProbability()) : null)
                .setParameter("rs", policy.riskSignalledAfter(last.orElse(null), f, reason.isPresent()))
                .setParameter("hr", held).setParameter("hat", Rows.utc(held == null ? null : now))
                .setParameter("fja", first ? Integer.valueOf(ahead) : null)
                .setParameter("fsh", first ? Double.valueOf(forecaster.doubtWith(model)
                        .shareFor(f.probability(), ahead)) : null)
                .executeUpdate());
        if (reason.isEmpty()) {
            return upsert.replaceWithVoid();
        }
        ArrivalForecast event = new ArrivalForecast(Events.newId(), now, ArrivalForecast.SCHEMA_VERSION,
                f.appointmentId(), day.technicianId(), f.p50(), f.windowStart(), f.windowEnd(), f.probability(),
                f.promisedStart(), f.promisedEnd(), model.version(), version, reason.get(),
                f.told() ? Double.valueOf(f.toldProbability()) : null,
                policy.cause(last.orElse(null), f, day.planVersion(), reason.get()));
        return upsert.chain(x -> outbox.append(event));
    }

    public Uni<List<StoredForecast>> forDay(LocalDate day) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select appointment_id, technician_id, day, p50, window_start, window_end, probability,
                               promised_start, promised_end, computed_at, model_version, published_version,
                               published_window_start, published_window_end, reason
                        from forecast where day = :d order by technician_id, p50""", Object[].class)
                .setParameter("d", day).getResultList()))
                .map(rows -> rows.stream().map(r -> new StoredForecast(Rows.uuid(r[0]), (String) r[1],
                        Rows.date(r[2]), Rows.instant(r[3]), Rows.instant(r[4]), Rows.instant(r[5]),
                        Rows.number(r[6]), Rows.instant(r[7]), Rows.instant(r[8]), Rows.instant(r[9]),
                        (String) r[10], ((Number) r[11]).intValue(), Rows.instant(r[12]), Rows.instant(r[13]),
                        (String) r[14])).toList());
    }

    /**
     * The model forecasts use: the current one, without its job tail, tap lag or reads of the time left when they are
     * switched off.
     */
    private LearnedModel model() {
        return asForecast(models.current(), jobTail, tapLag, timeLeft);
    }

    /**
     * {@code model} as forecasts use it: without its job tail, tap lag or reads of the time left when they are
     * switched off.
     */
    static LearnedModel asForecast(LearnedModel model, boolean jobTail, boolean tapLag, boolean timeLeft) {
        LearnedModel tail = jobTail ? model : model.withJobTail(JobTail.NONE);
        LearnedModel lag = tapLag ? tail : tail.withTapLag(TapLag.NONE);
        return timeLeft ? lag : lag.withTimeLeft(TimeLeftReads.NONE);
    }
}
