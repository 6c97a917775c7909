package io.fieldcast.notify.policy;

import java.time.Instant;

/** One outcome of the policy: a message to send, or a message deliberately not sent and why. */
public sealed interface Decision {

    MessageKind kind();

    /**
     * Send {@code kind} once: {@code dedupKey} with the appointment and kind is unique in the database.
     *
     * @param notBefore  earliest hand-off (end of quiet hours), never before the decision
     * @param content    what the template shows
     * @param tellsWindow the window this message tells the customer (null when it tells none)
     */
    record Send(MessageKind kind, String dedupKey, int forecastVersion, Medium medium, String recipient,
                Instant notBefore, Content content, Window tellsWindow) implements Decision {
    }

    /**
     * {@code dedupKey}: for the kinds whose suppression is recorded ({@link MessageKind#recordsSuppression()}), the key
     * the message would have had, so a redelivered event records it once; null otherwise.
     */
    record Suppress(MessageKind kind, Reason reason, String dedupKey) implements Decision {

        public Suppress(MessageKind kind, Reason reason) {
            this(kind, reason, null);
        }
    }

    /**
     * Values a template may show; times are formatted in the customer's zone by the renderer. {@code cause}: why the
     * window moved ({@code ArrivalForecast.CAUSE_*}, null when not said) and {@code probability}: how sure we are of
     * the window (null when not said).
     */
    record Content(Instant windowStart, Instant windowEnd, Instant arrival, String technicianFirstName,
                   boolean trackingLink, boolean feedbackLink, String cause, Double probability, Portal portal) {

        public Content(Instant windowStart, Instant windowEnd, Instant arrival, String technicianFirstName,
                       boolean trackingLink, boolean feedbackLink, String cause, Double probability) {
            this(windowStart, windowEnd, arrival, technicianFirstName, trackingLink, feedbackLink, cause, probability,
                    null);
        }

        public Content(Instant windowStart, Instant windowEnd, Instant arrival, String technicianFirstName,
                       boolean trackingLink, boolean feedbackLink) {
            this(windowStart, windowEnd, arrival, technicianFirstName, trackingLink, feedbackLink, null, null);
        }
    }

    /**
     * What only a portal text shows: the one-time {@code code} (PHONE_CODE), the minutes it stays valid, and until
     * when an offer holds ({@code until}).
     */
    record Portal(String code, long validMinutes, Instant until) {

        /** Never the code: a decision may be logged. */
        @Override
        public String toString() {
            return "Portal[code=" + (code == null ? "none" : "***") + ", validMinutes=" + validMinutes + ", until="
                    + until + "]";
        }
    }

    record Window(Instant start, Instant end) {
    }

    enum Reason {
        UNKNOWN_APPOINTMENT, APPOINTMENT_CANCELED, OPTED_OUT, NO_CONTACT, VISIT_UNDER_WAY, STALE_FORECAST,
        NOT_MATERIAL, DAILY_UPDATE_LIMIT, ALREADY_TOLD, EXPIRED,
        /** A window text taken back: a re-plan left the visit on nobody's route. */
        VISIT_UNASSIGNED,
        /**
         * A window text taken back: the technician will not come today ("cannot complete" before the door: the shift
         * ran out, went home sick).
         */
        VISIT_NOT_COMING
    }
}
