package io.fieldcast.platform.kafka;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
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

    /** Rows per statement when a batch is marked: far below PostgreSQL's 65,535 bind parameters. */
    private static final int ROWS_PER_STATEMENT = 500;

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
     * The events of a batch that {@code consumer} sees for the first time, recorded with one statement per
     * {@value #ROWS_PER_STATEMENT} ids instead of one per event. An id twice in the batch counts once.
     */
    public Uni<Set<UUID>> firstTimes(String consumer, List<UUID> eventIds) {
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(eventIds));
        Uni<Set<UUID>> chain = Uni.createFrom().item(new LinkedHashSet<>());
        for (int from = 0; from < distinct.size(); from += ROWS_PER_STATEMENT) {
            List<UUID> part = distinct.subList(from, Math.min(distinct.size(), from + ROWS_PER_STATEMENT));
            chain = chain.chain(first -> insertReturning(consumer, part).map(ids -> {
                first.addAll(ids);
                return first;
            }));
        }
        return chain;
    }

    private static Uni<List<UUID>> insertReturning(String consumer, List<UUID> ids) {
        StringBuilder sql = new StringBuilder("insert into processed_event (consumer, event_id) values ");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:c, :e").append(i).append(')');
        }
        sql.append(" on conflict do nothing returning event_id");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), UUID.class).setParameter("c", consumer);
            for (int i = 0; i < ids.size(); i++) {
                query.setParameter("e" + i, ids.get(i));
            }
            return query.getResultList();
        });
    }
}
