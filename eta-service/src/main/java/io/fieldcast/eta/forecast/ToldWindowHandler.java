package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayBook;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.Set;

/**
 * Learns which window each customer was actually told from customer-notify's texts. Not every published forecast is
 * texted (small moves are held back, updates are capped per day, quiet hours wait, nothing once the technician set
 * off), and the technician's phone, dispatch and the tracking page all go by the text; so does the forecaster: a
 * told window binds the technician, who waits outside for its start. A new text re-forecasts the technician's day.
 */
@ApplicationScoped
public class ToldWindowHandler implements EventHandler {

    private final DayBook days;
    private final ForecastService forecasts;

    public ToldWindowHandler(DayBook days, ForecastService forecasts) {
        this.days = days;
        this.forecasts = forecasts;
    }

    @Override
    public String consumerGroup() {
        return "eta.told-windows";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.NOTIFICATIONS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof NotificationSent sent) || sent.appointmentId() == null || sent.kind() == null
                || sent.occurredAt() == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Integer> changed;
        if (sent.voidsToldWindow()) {
            changed = Panache.getSession().chain(s -> s.createNativeQuery(
                            "delete from told_window where appointment_id = :a and told_at <= :at")
                    .setParameter("a", sent.appointmentId())
                    .setParameter("at", sent.occurredAt().atOffset(ZoneOffset.UTC)).executeUpdate());
        } else if (sent.toldWindow()) {
            // Idempotent and order-tolerant: a replayed or late older text never replaces a newer one.
            changed = Panache.getSession().chain(s -> s.createNativeQuery("""
                            insert into told_window (appointment_id, version, told_at) values (:a, :v, :at)
                            on conflict (appointment_id) do update set version = excluded.version,
                                told_at = excluded.told_at
                            where told_window.version < excluded.version""")
                    .setParameter("a", sent.appointmentId()).setParameter("v", sent.forecastVersion())
                    .setParameter("at", sent.occurredAt().atOffset(ZoneOffset.UTC)).executeUpdate());
        } else {
            return Uni.createFrom().voidItem();
        }
        return changed.chain(n -> n == 0 ? Uni.createFrom().voidItem()
                : days.daysOf(sent.appointmentId()).chain(forecasts::recomputeAll));
    }
}
