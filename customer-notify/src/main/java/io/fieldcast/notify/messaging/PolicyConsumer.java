package io.fieldcast.notify.messaging;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.notify.channel.NotificationSender;
import io.fieldcast.platform.kafka.BatchEventHandler;
import io.fieldcast.platform.kafka.ProcessedEvents;
import io.fieldcast.platform.reactive.Reactive;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Notify's policy on the platform's consumer loop, one transaction per polled batch instead of per event: a commit is
 * an fsync, and at hundreds of forecasts a second per-event commits were the bottleneck. The batch runs on one
 * connection of the reactive client, set-based (arrays, a statement per table): going through the ORM entity by
 * entity cost more CPU than everything else the service does at 1,000 forecasts a second. A batch is whatever arrived
 * while the previous one was applied, so latency stays low at low rates. Each event is applied once (processed-event
 * marks in the batch's transaction); the loop retries, splits a failing batch and parks the event that fails alone.
 */
@ApplicationScoped
public class PolicyConsumer implements BatchEventHandler {

    private final NotifyEventHandler handler;
    private final ProcessedEvents processed;
    private final NotificationSender sender;
    private final Pool pool;

    public PolicyConsumer(NotifyEventHandler handler, ProcessedEvents processed, NotificationSender sender,
                          Pool pool) {
        this.handler = handler;
        this.processed = processed;
        this.sender = sender;
        this.pool = pool;
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
        return 500;
    }

    @Override
    public void handleBatch(List<FieldcastEvent> events) {
        Reactive.await(() -> pool.withTransaction(db -> applyAll(db, events)));
        sender.wake();
    }

    /** Marks the batch's events processed (one statement), then applies those seen for the first time together. */
    private Uni<Void> applyAll(SqlConnection db, List<FieldcastEvent> events) {
        return processed.firstTimes(db, handler.consumerGroup(),
                        events.stream().map(FieldcastEvent::eventId).toList())
                .chain(first -> {
                    List<FieldcastEvent> fresh = new ArrayList<>();
                    for (FieldcastEvent event : events) {
                        if (first.remove(event.eventId())) {
                            fresh.add(event);
                        }
                    }
                    return handler.handleAll(db, fresh);
                });
    }
}
