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

    record Suppress(MessageKind kind, Reason reason) implements Decision {
    }

    /**
     * Values a template may show; times are formatted in the customer's zone by the renderer. {@code cause}: why the
     * window moved ({@code ArrivalForecast.CAUSE_*}, null when not said) and {@code probability}: how sure we are of
     * the window (null when not said).
     */
    record Content(Instant windowStart, Instant windowEnd, Instant arrival, String technicianFirstName,
                   boolean trackingLink, boolean feedbackLink, String cause, Double probability) {

        public Content(Instant windowStart, Instant windowEnd, Instant arrival, String technicianFirstName,
                       boolean trackingLink, boolean feedbackLink) {
            this(windowStart, windowEnd, arrival, technicianFirstName, trackingLink, feedbackLink, null, null);
        }
    }

    record Window(Instant start, Instant end) {
    }

    enum Reason {
        UNKNOWN_APPOINTMENT, APPOINTMENT_CANCELED, OPTED_OUT, NO_CONTACT, VISIT_UNDER_WAY, STALE_FORECAST,
        NOT_MATERIAL, DAILY_UPDATE_LIMIT, ALREADY_TOLD
    }
}
