package io.fieldcast.platform.kafka;

import io.fieldcast.events.FieldcastEvent;

import java.util.List;
import java.util.Set;

/**
 * A service's reaction to events it takes many at a time: everything one poll brought is applied in one go (one
 * transaction, one insert), for volumes where a transaction per event costs too much (GPS fixes, forecasts). The
 * platform runs it on the same loop as an {@link EventHandler}: offsets committed only after the batch was applied,
 * failures retried with back-off, and an event that keeps failing on its own parked on its dead-letter topic.
 * De-duplication is the handler's (processed-event marks inside its transaction, or a table key).
 */
public interface BatchEventHandler {

    /** Kafka consumer group, e.g. {@code eta.ping-history}. */
    String consumerGroup();

    Set<String> topics();

    /** Most events one batch holds. */
    default int maxBatch() {
        return 500;
    }

    /** Whether the loop runs at all (a service may switch a consumer off by configuration). */
    default boolean enabled() {
        return true;
    }

    /**
     * Applies {@code events} (decoded, in the order of their partitions) on the consumer's own thread, where blocking
     * is allowed. Throws to have the batch retried; when it keeps failing, the events are retried one by one so that
     * only the one that fails alone is parked.
     */
    void handleBatch(List<FieldcastEvent> events) throws Exception;
}
