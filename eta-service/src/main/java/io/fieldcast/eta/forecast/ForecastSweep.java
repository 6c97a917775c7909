package io.fieldcast.eta.forecast;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.history.DayBook;
import io.fieldcast.platform.cluster.ClusterJobs;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.time.DomainTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Time passing is news too: a technician still at a job is getting later. Every {@code sweepEvery} the routes of today
 * are recomputed, so a stalled job moves the next windows even without a tap (a phone heard from whose newest fix or
 * tap is older than {@code silence-hold} moves no told window: it may be offline, see {@code MoveHold}). The period is
 * domain time: a day played at 60× is swept as often, in its own minutes, as a real one (a first window waits for a
 * settled route and the last three hours, and only a sweep tells it to a technician whose phone is still silent).
 */
@ApplicationScoped
public class ForecastSweep {

    private static final Logger LOG = Logger.getLogger(ForecastSweep.class);

    private final ForecastService forecasts;
    private final DayBook days;
    private final Clock clock;
    private final EtaSettings settings;
    private final ClusterJobs jobs;
    private DomainTimer timer;

    public ForecastSweep(ForecastService forecasts, DayBook days, Clock clock, EtaSettings settings,
                         ClusterJobs jobs) {
        this.jobs = jobs;
        this.forecasts = forecasts;
        this.days = days;
        this.clock = clock;
        this.settings = settings;
    }

    void start(@Observes StartupEvent startup) {
        long every = settings.forecast().sweepEvery().toMillis();
        if (every <= 0) {
            return;
        }
        timer = DomainTimer.every("eta-sweep", clock, settings.forecast().sweepEvery(), this::sweepOncePerCluster);
    }

    /** One instance sweeps each period: two would publish every forecast twice. */
    private void sweepOncePerCluster(Duration tick) {
        try {
            if (jobs.claimTick("eta.forecast-sweep", tick)) {
                sweep();
            }
        } catch (Throwable e) {
            LOG.warnf(e, "forecast sweep could not be claimed; the next one retries");
        }
    }

    void sweep() {
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), settings.zone());
            List<DayBook.TechDay> active = Reactive.inSession(
                    () -> days.daysBetween(today, today.plusDays(1)));
            for (DayBook.TechDay td : active) {
                Reactive.await(() -> forecasts.recomputeInOwnTransaction(td));
            }
        } catch (Throwable e) {
            LOG.warnf(e, "forecast sweep failed; the next one retries");
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.close();
        }
    }
}
