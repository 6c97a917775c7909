package io.fieldcast.platform.it;

import io.fieldcast.events.AppointmentEvent;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.platform.kafka.BatchEventHandler;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Records appointment events a batch at a time, in one transaction; refuses the appointments it is told to. */
@ApplicationScoped
public class SeenBatchHandler implements BatchEventHandler {

    static final String GROUP = "platform-test.batch";

    private final Set<UUID> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger largestBatch = new AtomicInteger();

    @Override
    public String consumerGroup() {
        return GROUP;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.APPOINTMENTS);
    }

    public void refuse(UUID appointment) {
        refused.add(appointment);
    }

    int largestBatch() {
        return largestBatch.get();
    }

    @Override
    public void handleBatch(List<FieldcastEvent> events) {
        largestBatch.accumulateAndGet(events.size(), Math::max);
        Reactive.inTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (FieldcastEvent event : events) {
                UUID appointment = ((AppointmentEvent) event).appointmentId();
                chain = chain.chain(() -> refused.contains(appointment)
                        ? Uni.createFrom().failure(new IllegalArgumentException("impossible content (injected)"))
                        : Panache.getSession().chain(s -> s.createNativeQuery(
                                "insert into test_seen (event_id, appointment_id, seen_by) values (:e, :a, :b)")
                                .setParameter("e", event.eventId())
                                .setParameter("a", appointment)
                                .setParameter("b", GROUP)
                                .executeUpdate()).replaceWithVoid());
            }
            return chain;
        });
    }
}
