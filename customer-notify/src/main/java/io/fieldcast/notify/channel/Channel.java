package io.fieldcast.notify.channel;

/**
 * One way of handing a message to the outside world. Called from the sender's own thread, so implementations
 * may block; a thrown exception means "not handed over" and the sender retries with back-off.
 */
public interface Channel {

    /** The name config refers to: {@code db-outbox}, {@code twilio}, {@code email}. */
    String name();

    /** Hands the message over; returns the provider's message id (or our own where there is none). */
    String send(OutgoingMessage message) throws Exception;
}
