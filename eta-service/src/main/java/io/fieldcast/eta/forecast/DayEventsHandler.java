package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayBook;
import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.JobTimeLeft;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.Topics;
import io.fieldcast.events.VisitStatusChanged;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Keeps the day read model from routes, taps and appointments, and recomputes the affected technician's forecasts in
 * the same transaction (so a forecast published through the outbox always matches the state it came from).
 */
@ApplicationScoped
public class DayEventsHandler implements EventHandler {

    private final DayBook days;
    private final ForecastService forecasts;

    public DayEventsHandler(DayBook days, ForecastService forecasts) {
        this.days = days;
        this.forecasts = forecasts;
    }

    @Override
    public String consumerGroup() {
        return "eta.day-events";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ROUTES, Topics.VISIT_STATUS, Topics.APPOINTMENTS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        return switch (event) {
            case RoutePlanned r -> days.applyRoute(r).chain(replaced -> replaced
                    ? forecasts.recompute(new DayBook.TechDay(r.technicianId(), r.date())).replaceWithVoid()
                    : Uni.createFrom().voidItem());
            case VisitStatusChanged s -> days.applyStatus(s).chain(day -> day.isPresent()
                    ? forecasts.recompute(day.get()).replaceWithVoid() : Uni.createFrom().voidItem());
            case JobTimeLeft t -> t.minutesLeft() < JobTimeLeft.MIN_MINUTES || t.appointmentId() == null
                    ? Uni.createFrom().voidItem()
                    : days.applyTimeLeft(t).chain(day -> day.isPresent()
                    ? forecasts.recompute(day.get()).replaceWithVoid() : Uni.createFrom().voidItem());
            case AppointmentEvent a -> days.applyAppointment(a).chain(forecasts::recomputeAll);
            default -> Uni.createFrom().voidItem();
        };
    }
}
