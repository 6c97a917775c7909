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
    /** The technician found nobody home (CANNOT_COMPLETE, CUSTOMER_NOT_HOME): "we missed you", with a way to rebook. */
    NO_SHOW,
    /**
     * A re-plan of the day left the visit on nobody's route (AppointmentUnassigned), or the technician will not come
     * (CANNOT_COMPLETE before the door: the shift ran out, went home sick): it cannot be made today as booked, with a
     * way to pick another time.
     */
    NOT_TODAY,
    /** The portal's one-time code for the phone of the person booking (PortalMessage, no appointment yet). */
    PHONE_CODE,
    /** The portal offers a waitlisted appointment an earlier window, with the link that accepts it. */
    WAITLIST_OFFER,
    /** The window offered went to someone else; the appointment keeps its own. */
    WAITLIST_TAKEN,
    /** The answer to an inbound text (not decided by the policy, but sent and recorded the same way). */
    REPLY_ANSWER;

    /**
     * Whether quiet hours hold this message back; "on the way" is wanted even early in the morning, and the portal's
     * texts are answers to someone on the page now (a code they wait for, an offer that would lose its place).
     */
    public boolean heldByQuietHours() {
        return this != ON_THE_WAY && this != REPLY_ANSWER && !fromPortal();
    }

    /**
     * Whether a message of this kind that is not sent is still recorded (state SUPPRESSED, with the reason): a code
     * or offer the person waits for, and a no-show or a visit dropped from the day, which are counted whether or not the
     * customer could be texted.
     */
    public boolean recordsSuppression() {
        return this == NO_SHOW || this == NOT_TODAY || fromPortal();
    }

    /** Texts the customer portal asks for (PortalMessage): about a phone, not decided from an appointment's view. */
    public boolean fromPortal() {
        return this == PHONE_CODE || this == WAITLIST_OFFER || this == WAITLIST_TAKEN;
    }
}
