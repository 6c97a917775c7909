package io.fieldcast.notify.messaging;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.notify.channel.NotificationSender;
import io.fieldcast.platform.kafka.BatchEventHandler;
import io.fieldcast.platform.kafka.ProcessedEvents;
import io.fieldcast.platform.reactive.Reactive;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * Notify's policy on the platform's consumer loop, one transaction per polled batch instead of per event: a commit is
 * an fsync, and at hundreds of forecasts a second per-event commits were the bottleneck. A batch is whatever arrived
 * while the previous one was applied, so latency stays low at low rates. Each event is applied once (processed-event
 * marks in the batch's transaction); the loop retries, splits a failing batch and parks the event that fails alone.
 */
@ApplicationScoped
public class PolicyConsumer implements BatchEventHandler {

    private final NotifyEventHandler handler;
    private final ProcessedEvents processed;
    private final NotificationSender sender;

    public PolicyConsumer(NotifyEventHandler handler, ProcessedEvents processed, NotificationSender sender) {
        this.handler = handler;
        this.processed = processed;
        this.sender = sender;
    }

    @Override
    public String consumerGroup() {
        return handler.consumerGroup();
    }

    @Override
    public Set<String> topics() {
        return handler.topics();
    }

    @Override
    public int maxBatch() {
        return 200;
    }

    @Override
    public void handleBatch(List<FieldcastEvent> events) {
        Reactive.inTransaction(() -> applyAll(events));
        sender.wake();
    }

    private Uni<Void> applyAll(List<FieldcastEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (FieldcastEvent event : events) {
            chain = chain.chain(() -> processed.firstTime(handler.consumerGroup(), event.eventId())
                    .chain(first -> first ? handler.handle(event) : Uni.createFrom().voidItem())
                    // Keep the persistence context small: otherwise every auto-flush re-checks the whole batch.
                    .chain(() -> Panache.getSession().chain(session -> session.flush().invoke(session::clear))));
        }
        return chain;
    }
}
