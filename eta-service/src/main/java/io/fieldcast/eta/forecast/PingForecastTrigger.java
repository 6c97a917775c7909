package io.fieldcast.eta.forecast;

import io.fieldcast.eta.config.EtaSettings;
import io.fieldcast.eta.history.DayBook;
import io.fieldcast.eta.history.PingIngest;
import io.fieldcast.events.LocationPing;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A new GPS fix moves the start of the next drive, so it recomputes that technician's day, at most once per
 * {@code pingRecomputeEvery} of device time (a fix every 5 s would otherwise recompute 12 times a minute for nothing).
 */
@ApplicationScoped
public class PingForecastTrigger implements PingIngest.PingListener {

    private static final Logger LOG = Logger.getLogger(PingForecastTrigger.class);

    private final ForecastService forecasts;
    private final Duration every;
    private final java.time.ZoneId zone;
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();

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
            var day = new DayBook.TechDay(tech, LocalDate.ofInstant(ping.deviceTime(), zone));
            try {
                VertxContextSupport.subscribeAndAwait(() -> forecasts.recomputeInOwnTransaction(day));
            } catch (Throwable e) {
                LOG.warnf(e, "forecast recompute after a fix of %s failed; the next fix or event retries", tech);
            }
        });
    }
}
