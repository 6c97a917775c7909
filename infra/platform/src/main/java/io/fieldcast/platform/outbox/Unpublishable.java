package io.fieldcast.platform.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import java.util.Optional;

/**
 * Which send failures will not pass by sending again: the record itself is wrong (too large for the broker, not
 * serializable, for a topic that cannot exist). Everything else (the broker down or slow, a leader moving, not
 * enough replicas) is retried and never parks a row.
 */
final class Unpublishable {

    private Unpublishable() {
    }

    /** Why the row can never be published, or empty when the failure may pass. */
    static Optional<String> reason(Throwable failure) {
        return switch (failure) {
            case RecordTooLargeException e -> Optional.of("too large for the broker: " + e.getMessage());
            case RecordBatchTooLargeException e -> Optional.of("too large for the broker: " + e.getMessage());
            case InvalidRecordException e -> Optional.of("refused by the broker: " + e.getMessage());
            case InvalidTopicException e -> Optional.of("invalid topic: " + e.getMessage());
            // The event serializer fails with IllegalArgumentException; Kafka wraps a type mismatch as this one.
            case SerializationException e -> Optional.of("cannot serialize: " + e.getMessage());
            case IllegalArgumentException e -> Optional.of("cannot serialize: " + e.getMessage());
            case null, default -> Optional.empty();
        };
    }
}
