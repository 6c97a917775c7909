package io.fieldcast.platform.kafka;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.TextedWindow;
import io.fieldcast.events.Topics;
import io.smallrye.mutiny.Uni;

import java.util.Set;

/**
 * A service's copy of which window each customer was last texted (dispatch's console and re-plans, eta's forecaster,
 * the phone's "don't ring before"). Not every forecast is texted (customer-notify holds back small moves, caps updates
 * per day, waits out quiet hours, stops once the technician set off), so the latest forecast is not what the customer
 * was told; a window text is, and it carries the window (events 0.1.3). It reads the window texts of
 * {@code fieldcast.notifications} and passes over the other texts (confirmations, "on the way", "done": fifteen in
 * sixteen) without a transaction ({@link EventHandler#wants}). Which text wins is the contract's rule
 * ({@link TextedWindow#replaces}), applied by the subclass against what it stored.
 */
public abstract class WindowTextHandler implements EventHandler {

    // No state and no constructor here: the subclasses are normal-scoped beans with constructor injection, whose
    // client proxies need a no-arguments constructor up the whole hierarchy (and methods that are not final).

    @Override
    public Set<String> topics() {
        return Set.of(Topics.NOTIFICATIONS);
    }

    @Override
    public boolean wants(FieldcastEvent event) {
        return window(event) != null;
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        TextedWindow next = window(event);
        return next == null ? Uni.createFrom().voidItem() : apply(next);
    }

    /** Applies one window text, inside the consumer's transaction (a redelivered one is not applied twice). */
    protected abstract Uni<Void> apply(TextedWindow text);

    /**
     * The window a text told, or null: not a window text, or one from a producer older than 0.1.3, which does not say
     * which window it told (the forecasts by version that once resolved it are no longer kept).
     */
    private static TextedWindow window(FieldcastEvent event) {
        return event instanceof NotificationSent sent ? TextedWindow.of(sent) : null;
    }
}
