package io.fieldcast.notify.policy;

/** Every message the policy can decide to send; the name is also the template key and the event's {@code kind}. */
public enum MessageKind {
    BOOKING_CONFIRMATION,
    RESCHEDULE_CONFIRMATION,
    CANCELLATION_CONFIRMATION,
    REMINDER,
    WINDOW_NARROWED,
    WINDOW_UPDATED,
    DELAY,
    ON_THE_WAY,
    COMPLETED,
    /** The answer to an inbound text (not decided by the policy, but sent and recorded the same way). */
    REPLY_ANSWER;

    /** Whether quiet hours hold this message back; "on the way" is wanted even early in the morning. */
    public boolean heldByQuietHours() {
        return this != ON_THE_WAY && this != REPLY_ANSWER;
    }
}
