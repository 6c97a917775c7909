package io.fieldcast.platform.kafka;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Remembers which events a consumer group applied, in the same transaction as their effects: the row and
 * the effect commit together or not at all, so redelivery after a crash never applies an event twice.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** True when this is the first time {@code consumer} sees {@code eventId}; records it. */
    public Uni<Boolean> firstTime(String consumer, UUID eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into processed_event (consumer, event_id) values (:c, :e) "
                        + "on conflict do nothing")
                .setParameter("c", consumer)
                .setParameter("e", eventId)
                .executeUpdate()
                .map(rows -> rows == 1));
    }
}
