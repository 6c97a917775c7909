package io.fieldcast.platform.kafka;

import io.fieldcast.events.FieldcastEvent;
import io.smallrye.mutiny.Uni;

import java.util.Set;

/**
 * A service's reaction to events of some topics. The platform runs it in a consumer group named
 * {@link #consumerGroup()}, inside a database transaction that also records the event id, so a redelivered
 * event is applied once. A failure is retried (with back-off) until it succeeds; nothing is skipped.
 */
public interface EventHandler {

    /** Kafka consumer group, e.g. {@code dispatch.visit-status}; also the de-duplication scope. */
    String consumerGroup();

    Set<String> topics();

    /** Applies the event; runs inside a reactive transaction on a Vert.x context. */
    Uni<Void> handle(FieldcastEvent event);

    /**
     * Whether this handler acts on {@code event} at all. One it does not want is passed over on the consumer's thread:
     * no transaction, no de-duplication mark, its offset committed with the rest of the poll. For handlers that read
     * a few kinds of a busy topic: of a day's texts on {@code fieldcast.notifications}, one in sixteen tells a window,
     * and a transaction for each of the others kept the window texts queued behind them (1.2 s median at 120x).
     */
    default boolean wants(FieldcastEvent event) {
        return true;
    }

    /**
     * Runs on the consumer's thread once the event's transaction has committed (only when it was applied, not for a
     * duplicate): the place for what must see the committed change, such as asking for a re-plan. A failure here is
     * logged; the event stays applied.
     */
    default void afterCommit(FieldcastEvent event) {
    }

    /** Whether the transaction + de-duplication wrapper is wanted (false for handlers with no database work). */
    default boolean transactional() {
        return true;
    }

    /**
     * Whether every instance of the service reads every partition (an in-memory read model such as the latest
     * positions), instead of sharing the partitions with the other instances in the consumer group. A broadcast
     * handler has no group and commits nothing: each instance starts from the last {@link #broadcastReplay()} records
     * of each partition, so a restart fills its model again.
     */
    default boolean broadcast() {
        return false;
    }

    /** Records per partition a broadcast handler reads again when its instance starts. */
    default int broadcastReplay() {
        return 20_000;
    }
}
