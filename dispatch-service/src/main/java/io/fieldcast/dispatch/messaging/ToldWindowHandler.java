package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.domain.ToldWindow;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Keeps which forecast window the customer was last texted. Not every forecast is texted (customer-notify holds
 * back small moves, caps updates per day, waits out quiet hours, stops once the technician set off), so the latest
 * forecast is not what the customer was told; the NotificationSent of a window text is.
 */
@ApplicationScoped
public class ToldWindowHandler implements EventHandler {

    @Override
    public String consumerGroup() {
        return "dispatch.notifications";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.NOTIFICATIONS);
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (!(event instanceof NotificationSent sent) || sent.appointmentId() == null || sent.kind() == null) {
            return Uni.createFrom().voidItem();
        }
        if (sent.voidsToldWindow()) {
            return ToldWindow.<ToldWindow>findById(sent.appointmentId()).chain(existing ->
                    existing != null && !existing.toldAt.isAfter(sent.occurredAt())
                            ? existing.delete() : Uni.createFrom().voidItem());
        }
        if (!sent.toldWindow()) {
            return Uni.createFrom().voidItem();
        }
        return ToldWindow.<ToldWindow>findById(sent.appointmentId()).chain(existing -> {
            // The last text handed over wins; a replayed older one never replaces it.
            if (existing != null && existing.toldAt.isAfter(sent.occurredAt())) {
                return Uni.createFrom().voidItem();
            }
            ToldWindow t = existing != null ? existing : new ToldWindow();
            t.appointmentId = sent.appointmentId();
            t.forecastVersion = sent.forecastVersion();
            t.kind = sent.kind();
            t.toldAt = sent.occurredAt();
            return t.persist().replaceWithVoid();
        });
    }
}
