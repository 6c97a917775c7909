package io.fieldcast.eta.forecast;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.history.DayBook;
import io.fieldcast.eta.history.PingIngest;
import io.fieldcast.events.LocationPing;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A new GPS fix moves the start of the next drive, so it recomputes that technician's day, at most once per
 * {@code pingRecomputeEvery} of device time (a fix every 5 s would otherwise recompute 12 times a minute for nothing).
 * Recomputes run on their own thread, coalesced per technician day, so GPS ingest never waits for them.
 */
@ApplicationScoped
public class PingForecastTrigger implements PingIngest.PingListener {

    private static final Logger LOG = Logger.getLogger(PingForecastTrigger.class);

    private final ForecastService forecasts;
    private final Duration every;
    private final ZoneId zone;
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final Set<DayBook.TechDay> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("eta-ping-forecasts").factory());

    public PingForecastTrigger(ForecastService forecasts, EtaSettings settings) {
        this.forecasts = forecasts;
        this.every = settings.forecast().pingRecomputeEvery();
        this.zone = settings.zone();
    }

    @Override
    public void stored(Map<String, LocationPing> newestByTechnician) {
        newestByTechnician.forEach((tech, ping) -> {
            Instant previous = lastRun.get(tech);
            if (previous != null && Duration.between(previous, ping.deviceTime()).compareTo(every) < 0) {
                return;
            }
            lastRun.put(tech, ping.deviceTime());
            pending.add(new DayBook.TechDay(tech, LocalDate.ofInstant(ping.deviceTime(), zone)));
        });
        if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (Iterator<DayBook.TechDay> it = pending.iterator(); it.hasNext(); ) {
                DayBook.TechDay day = it.next();
                it.remove();
                try {
                    Reactive.await(() -> forecasts.recomputeInOwnTransaction(day));
                } catch (Throwable e) {
                    LOG.warnf(e, "forecast recompute after a fix of %s failed; the next fix or event retries",
                            day.technicianId());
                }
            }
        } finally {
            draining.set(false);
            if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
                worker.execute(this::drain);
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        worker.shutdownNow();
    }
}
