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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/**
 * Learns the doubt per job ahead ({@link AheadDoubt}) by living the days that are over again: every {@link #TICK} of
 * each technician's day, from an hour before the shift to the last arrival, the forecaster and the publication policy
 * (as the settings make them, without any doubt) decide which visits would get their first window, as the service
 * does (not while the van is on its way there, nor further ahead than {@code max-lead}); each visit's first window,
 * told at least an hour before the technician tapped "arrived", is set against whether that tap came before its end
 * (a van early for a told window waits for it). The first moment a window is tellable is the one that counts: the
 * service tells it then, when its days look surest, and a doubt learned from every moment would miss how much surer
 * than the day turns out that moment is.
 *
 * <p>Nothing was told on those days as the backtest sees them (a window it tells binds nothing after it), and the GPS
 * is not replayed: the day's taps are what the forecaster knows.
 */
@ApplicationScoped
public class AheadBacktest implements AheadDoubt.Learner {

    static final Duration TICK = Duration.ofMinutes(5);

    private final ArrivalForecaster forecaster;
    private final PublicationPolicy policy;
    private final Duration maxLead;
    private final ZoneId zone;
    private final boolean jobTail;
    private final boolean tapLag;
    private final boolean timeLeft;

    @Inject
    public AheadBacktest(Roads roads, EtaSettings settings) {
        this(ForecastService.forecaster(roads, settings), ForecastService.policy(settings),
                settings.forecast().maxLead(), settings.zone(), settings.forecast().jobTail(),
                settings.forecast().tapLag(), settings.forecast().timeLeft());
    }

    /**
     * {@code forecaster} and {@code policy} as the service's; {@code jobTail}, {@code tapLag}, {@code timeLeft} as the
     * settings say.
     */
    AheadBacktest(ArrivalForecaster forecaster, PublicationPolicy policy, Duration maxLead, ZoneId zone,
                  boolean jobTail, boolean tapLag, boolean timeLeft) {
        this.forecaster = forecaster.withAheadDoubt(AheadDoubt.NONE);
        this.policy = policy;
        this.maxLead = maxLead;
        this.zone = zone;
        this.jobTail = jobTail;
        this.tapLag = tapLag;
        this.timeLeft = timeLeft;
    }

    /** The first window each visit of these days would have been told, if it gave an hour's notice. */
    @Override
    public Duration notice() {
        return EvaluationReport.MIN_LEAD;
    }

    @Override
    public List<AheadDoubt.Seen> seen(List<LivedDay> days, Function<LocalDate, LearnedModel> without,
                               DoubleConsumer progress) {
        Map<LocalDate, LearnedModel> models = new HashMap<>();
        List<AheadDoubt.Seen> out = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            LivedDay day = days.get(d);
            LearnedModel model = models.computeIfAbsent(day.date(),
                    date -> ForecastService.asForecast(without.apply(date), jobTail, tapLag, timeLeft));
            see(day, model, out);
            progress.accept((d + 1.0) / days.size());
        }
        return out;
    }

    private void see(LivedDay day, LearnedModel model, List<AheadDoubt.Seen> out) {
        Instant last = day.visits().stream().map(v -> day.arrivedAt(v.appointmentId()))
                .filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        if (last == null || day.shiftStart() == null) {
            return;
        }
        Set<UUID> told = new HashSet<>();
        for (Instant t = day.shiftStart().minus(Duration.ofHours(1)); t.isBefore(last); t = t.plus(TICK)) {
            DayState state = day.at(t, zone);
            for (VisitForecast f : forecaster.forecast(state, model)) {
                UUID id = f.appointmentId();
                if (told.contains(id) || state.progressOf(id).enRouteAt() != null
                        || !ForecastService.withinLead(f.windowStart(), t, maxLead) || !policy.tellable(f, t)) {
                    continue;
                }
                told.add(id);
                Instant arrived = day.arrivedAt(id);
                if (arrived != null && !arrived.isBefore(t.plus(notice()))) {
                    out.add(new AheadDoubt.Seen(f.probability(), ForecastService.jobsAhead(state, f),
                            arrived.isBefore(f.windowEnd())));
                }
            }
        }
    }
}
