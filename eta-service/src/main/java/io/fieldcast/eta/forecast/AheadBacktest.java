package io.fieldcast.eta.forecast;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.LivedDay;
import io.fieldcast.eta.model.AheadDoubt;
import io.fieldcast.eta.model.LearnedModel;
import io.fieldcast.eta.report.EvaluationReport;
import io.fieldcast.eta.road.Roads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Learns the doubt per job ahead ({@link AheadDoubt}) by living the days that are over again: every {@link #TICK}
 * of each technician's day, from an hour before the shift to the last arrival, the forecaster (as the settings make
 * it, without any doubt) places the first window of every visit not reached yet whose median arrival is at least an
 * hour away, the notice a first window must give to count; what share of its sampled days that window holds is set
 * against whether the technician tapped "arrived" before its end (a van early for a told window waits for it). Each
 * visit counts once however many moments it was seen at; only windows holding at least {@link #MIN_SHARE} are
 * looked at, the ones that could be told.
 *
 * <p>Nothing was told on those days as the backtest sees them, and the GPS is not replayed: the day's taps are what
 * the forecaster knows.
 */
@ApplicationScoped
public class AheadBacktest implements AheadDoubt.Learner {

    static final Duration TICK = Duration.ofMinutes(15);
    static final double MIN_SHARE = 0.8;

    private final ArrivalForecaster forecaster;
    private final ZoneId zone;
    private final boolean jobTail;
    private final boolean tapLag;

    @Inject
    public AheadBacktest(Roads roads, EtaSettings settings) {
        this(ForecastService.forecaster(roads, settings), settings.zone(), settings.forecast().jobTail(),
                settings.forecast().tapLag());
    }

    /** {@code forecaster} as the service's, {@code jobTail} and {@code tapLag} as the settings switch them. */
    AheadBacktest(ArrivalForecaster forecaster, ZoneId zone, boolean jobTail, boolean tapLag) {
        this.forecaster = forecaster.withAheadDoubt(AheadDoubt.NONE);
        this.zone = zone;
        this.jobTail = jobTail;
        this.tapLag = tapLag;
    }

    @Override
    public AheadDoubt learn(List<LivedDay> days, Function<LocalDate, LearnedModel> without,
                            DoubleConsumer progress) {
        return AheadDoubt.learn(seen(days, without, progress));
    }

    /** Every window the forecaster could have told on these days, weighted so that each visit counts once. */
    List<AheadDoubt.Seen> seen(List<LivedDay> days, Function<LocalDate, LearnedModel> without,
                               DoubleConsumer progress) {
        Map<LocalDate, LearnedModel> models = new HashMap<>();
        Map<UUID, List<AheadDoubt.Seen>> byVisit = new HashMap<>();
        for (int d = 0; d < days.size(); d++) {
            LivedDay day = days.get(d);
            LearnedModel model = models.computeIfAbsent(day.date(),
                    date -> ForecastService.asForecast(without.apply(date), jobTail, tapLag));
            see(day, model, byVisit);
            progress.accept((d + 1.0) / days.size());
        }
        List<AheadDoubt.Seen> out = new ArrayList<>();
        for (List<AheadDoubt.Seen> visit : byVisit.values()) {
            for (AheadDoubt.Seen s : visit) {
                out.add(new AheadDoubt.Seen(s.share(), s.ahead(), s.kept(), 1.0 / visit.size()));
            }
        }
        return out;
    }

    private void see(LivedDay day, LearnedModel model, Map<UUID, List<AheadDoubt.Seen>> byVisit) {
        Instant last = day.visits().stream().map(v -> day.arrivedAt(v.appointmentId()))
                .filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        if (last == null || day.shiftStart() == null) {
            return;
        }
        for (Instant t = day.shiftStart().minus(Duration.ofHours(1)); t.isBefore(last); t = t.plus(TICK)) {
            DayState state = day.at(t, zone);
            boolean inHand = state.visits().stream().anyMatch(v -> state.progressOf(v.appointmentId()).inService());
            for (VisitForecast f : forecaster.forecast(state, model)) {
                Instant arrived = day.arrivedAt(f.appointmentId());
                if (arrived == null || f.probability() < MIN_SHARE
                        || f.p50().isBefore(t.plus(EvaluationReport.MIN_LEAD))) {
                    continue;
                }
                int ahead = f.visitsBefore() + (inHand ? 1 : 0);
                byVisit.computeIfAbsent(f.appointmentId(), k -> new ArrayList<>())
                        .add(new AheadDoubt.Seen(f.probability(), ahead, arrived.isBefore(f.windowEnd()), 1));
            }
        }
    }
}
