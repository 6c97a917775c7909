package io.fieldcast.mobile.route;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Keeps which forecast window the customer was last texted, so the phone can say "don't ring before". Not every
 * forecast is texted (customer-notify holds back small moves, caps updates per day, waits out quiet hours, stops
 * once the technician set off), so the latest forecast is not what the customer was told; a window text is.
 */
@ApplicationScoped
public class ToldWindowHandler implements EventHandler {

    private final ToldWindows told;

    public ToldWindowHandler(ToldWindows told) {
        this.told = told;
    }

    @Override
    public String consumerGroup() {
        return "mobile.notifications";
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
        if (sent.voidsToldWindow()) {
            return told.forget(sent.appointmentId(), sent.occurredAt());
        }
        if (!sent.toldWindow()) {
            return Uni.createFrom().voidItem();
        }
        return told.told(sent);
    }
}
