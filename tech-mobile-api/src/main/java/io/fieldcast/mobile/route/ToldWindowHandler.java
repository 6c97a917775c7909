package io.fieldcast.mobile.route;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.TextedWindow;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Keeps which window the customer was last texted, so the phone can say "don't ring before". Not every forecast is
 * texted (customer-notify holds back small moves, caps updates per day, waits out quiet hours, stops once the
 * technician set off), so the latest forecast is not what the customer was told; a window text is, and it carries
 * the window (events 0.1.3).
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

    /** Window texts only: the other texts (confirmations, "on the way", "done") pass without a transaction. */
    @Override
    public boolean wants(FieldcastEvent event) {
        return event instanceof NotificationSent sent && TextedWindow.of(sent) != null;
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        // Null also for a window text from a producer older than 0.1.3: it does not say which window it told, and
        // the forecasts by version that once resolved it are no longer kept, so it is ignored.
        TextedWindow next = event instanceof NotificationSent sent ? TextedWindow.of(sent) : null;
        if (next == null) {
            return Uni.createFrom().voidItem();
        }
        return told.apply(next);
    }
}
