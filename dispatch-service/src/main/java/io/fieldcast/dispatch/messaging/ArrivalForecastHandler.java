package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.config.PlanSettings;
import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.LatestForecast;
import io.fieldcast.dispatch.plan.Replanner;
import io.fieldcast.events.ArrivalForecast;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;

/**
 * Keeps the latest arrival forecast per appointment, so the console can colour visits at risk. Which window the
 * customer was told comes from the texts themselves ({@link ToldWindowHandler}), not from here.
 */
@ApplicationScoped
public class ArrivalForecastHandler implements EventHandler {

    private final Replanner replanner;
    private final PlanSettings settings;

    public ArrivalForecastHandler(Replanner replanner, PlanSettings settings) {
        this.replanner = replanner;
        this.settings = settings;
    }

    @Override
    public String consumerGroup() {
        return "dispatch.arrival-forecasts";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ARRIVAL_FORECASTS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof ArrivalForecast forecast) || forecast.appointmentId() == null
                || forecast.p50Arrival() == null || forecast.windowStart() == null || forecast.windowEnd() == null) {
            return Uni.createFrom().voidItem();
        }
        return keepLatest(forecast).chain(() -> replanIfToldWindowAtRisk(forecast));
    }

    /**
     * A told window predicted to break re-plans the rest of the day (within the re-planner's cooldown): the visit
     * stays with its technician if it can, and other work may move off the route to keep the promise. eta-service
     * publishes such a forecast once per risk, not at every recompute. A visit forecast {@code rescue-late-by} or more
     * past its booked window asks for a re-plan of its own, which may move it off its route ({@code rescue-lost}).
     */
    private Uni<Void> replanIfToldWindowAtRisk(ArrivalForecast forecast) {
        boolean atRisk = forecast.toldWindowAtRisk(settings.toldRiskThreshold());
        if (!atRisk && !settings.rescueLost()) {
            return Uni.createFrom().voidItem(); // nothing to re-plan for: no read of the appointment
        }
        return Appointment.<Appointment>findById(forecast.appointmentId()).invoke(a -> {
            // A visit the van is driving to or at is past what a re-plan can change: its delay is texted as it is.
            if (a == null || !a.status.changeable()) {
                return;
            }
            long pastBooked = a.windowEnd == null ? 0
                    : Duration.between(a.windowEnd, forecast.p50Arrival()).toMinutes();
            if (settings.rescueLost() && pastBooked >= settings.rescueLateBy().toMinutes()) {
                replanner.onLost(a.territoryId, a.serviceDate, a.id, pastBooked);
            }
            if (atRisk) {
                replanner.onRisk(a.territoryId, a.serviceDate, a.id, forecast.probabilityInToldWindow());
            }
        }).replaceWithVoid();
    }

    private static Uni<Void> keepLatest(ArrivalForecast forecast) {
        return LatestForecast.<LatestForecast>findById(forecast.appointmentId()).chain(existing -> {
            // Versions grow per appointment; a replayed older forecast never replaces a newer one.
            if (existing != null && existing.forecastVersion > forecast.forecastVersion()) {
                return Uni.createFrom().voidItem();
            }
            LatestForecast f = existing != null ? existing : new LatestForecast();
            f.appointmentId = forecast.appointmentId();
            f.technicianId = forecast.technicianId();
            f.p50Arrival = forecast.p50Arrival();
            f.windowStart = forecast.windowStart();
            f.windowEnd = forecast.windowEnd();
            f.probabilityInWindow = forecast.probabilityInWindow();
            f.forecastVersion = forecast.forecastVersion();
            f.reason = forecast.reason();
            f.updatedAt = forecast.occurredAt();
            return f.persist().replaceWithVoid();
        });
    }
}
