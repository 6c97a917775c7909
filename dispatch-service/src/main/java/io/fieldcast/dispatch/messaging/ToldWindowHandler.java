package io.fieldcast.dispatch.messaging;

import io.fieldcast.dispatch.domain.ToldWindow;
import io.fieldcast.events.TextedWindow;
import io.fieldcast.platform.kafka.WindowTextHandler;
import io.fieldcast.platform.time.DataTimeRetention;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps which window the customer was last texted, for the console and the re-plans that keep told windows
 * ({@link WindowTextHandler}); which text wins is the contract's rule ({@link TextedWindow#replaces}).
 */
@ApplicationScoped
public class ToldWindowHandler extends WindowTextHandler {

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
    protected Uni<Void> apply(TextedWindow next) {
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
