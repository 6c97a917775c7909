package io.fieldcast.platform.outbox;

import io.fieldcast.events.EventCodec;
import io.fieldcast.events.FieldcastEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The transactional outbox: an event that must agree with a database write is inserted in the same
 * transaction as that write. {@link OutboxRelay} publishes it after commit, so a Kafka outage delays
 * the event but never loses it, and a rollback never publishes it.
 */
@ApplicationScoped
public class Outbox {

    /** Appends to the outbox inside the caller's current reactive transaction. */
    public Uni<Void> append(FieldcastEvent event) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into outbox (event_id, topic, msg_key, event_type, payload, occurred_at) "
                        + "values (:id, :topic, :key, :type, :payload, :at)")
                .setParameter("id", event.eventId())
                .setParameter("topic", event.topic())
                .setParameter("key", event.key())
                .setParameter("type", event.typeName())
                .setParameter("payload", EventCodec.encodeToString(event))
                .setParameter("at", event.occurredAt())
                .executeUpdate()
                .replaceWithVoid());
    }

    public Uni<Void> appendAll(List<? extends FieldcastEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FieldcastEvent event : events) {
            chain = chain.chain(() -> append(event));
        }
        return chain;
    }
}
