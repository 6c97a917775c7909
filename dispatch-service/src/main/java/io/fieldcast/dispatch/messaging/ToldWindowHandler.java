package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.domain.ToldWindow;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.NotificationSent;
import io.fieldcast.events.TextedWindow;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.EventHandler;
import io.fieldcast.platform.time.DataTimeRetention;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Keeps which window the customer was last texted. Not every forecast is texted (customer-notify holds back small
 * moves, caps updates per day, waits out quiet hours, stops once the technician set off), so the latest forecast is
 * not what the customer was told; the NotificationSent of a window text is, and it carries the window (events 0.1.3).
 * Which text wins is the contract's rule ({@link TextedWindow#replaces}), the same in every service.
 */
@ApplicationScoped
public class ToldWindowHandler implements EventHandler {

    /**
     * Told windows bind on their own date only; a month before the window just texted they are history (data time,
     * at most hourly).
     */
    private final DataTimeRetention retention = new DataTimeRetention(Duration.ofDays(30), Duration.ofHours(1));

    @Override
    public String consumerGroup() {
        return "dispatch.notifications";
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
        return ToldWindow.<ToldWindow>findById(next.appointmentId()).chain(existing -> {
            if (existing != null && !next.replaces(existing.texted())) {
                return Uni.createFrom().voidItem();
            }
            ToldWindow t = existing != null ? existing : new ToldWindow();
            t.set(next);
            return t.persist().replaceWithVoid();
        }).chain(() -> prune(next.start() != null ? next.start() : next.textedAt()));
    }

    private Uni<Void> prune(Instant at) {
        return retention.due(at).map(cutoff -> ToldWindow.delete("toldAt < ?1", cutoff).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
