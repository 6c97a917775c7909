package io.fieldcast.platform.kafka;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * The events of a batch that {@code consumer} sees for the first time, recorded with one statement (the ids as one
     * array) on {@code db}, a connection of the caller's transaction. An id twice in the batch counts once.
     */
    public Uni<Set<UUID>> firstTimes(SqlClient db, String consumer, List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        return db.preparedQuery("insert into processed_event (consumer, event_id) select $1, e from unnest($2::uuid[]) e "
                        + "on conflict do nothing returning event_id")
                .execute(Tuple.of(consumer, new LinkedHashSet<>(eventIds).toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> first = new HashSet<>();
                    rows.forEach(r -> first.add(r.getUUID(0)));
                    return first;
                });
    }
}
