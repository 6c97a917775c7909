package io.fieldcast.notify.channel;

import java.time.Instant;
import java.util.Optional;

/**
 * One way of handing a message to the outside world. Called from the sender's own thread, so implementations
 * may block; a thrown exception means "not handed over" and the sender retries with back-off.
 */
public interface Channel {

    /** The name config refers to: {@code db-outbox}, {@code twilio}, {@code email}. */
    String name();

    /** Hands the message over; returns the provider's message id (or our own where there is none). */
    String send(OutgoingMessage message) throws Exception;

    /**
     * After a crash left {@code message} SENDING with its outcome unknown: the provider's id of the copy an earlier
     * attempt handed over since {@code since}, or empty if there is none. Channels where sending again cannot
     * duplicate (same message id downstream) keep the default. Throws when the provider cannot tell now.
     */
    default Optional<String> findHandedOver(OutgoingMessage message, Instant since) throws Exception {
        return Optional.empty();
    }
}
