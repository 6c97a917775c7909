package io.fieldcast.events;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A message was handed to a channel. {@code kind} is the policy's message kind (e.g. {@code WINDOW_NARROWED}),
 * {@code recipient} is masked, {@code providerMessageId} the carrier's id where there is one. {@code windowStart}
 * and {@code windowEnd} (since 0.1.3) are the window the text told the customer, null for kinds that tell none and
 * from older producers.
 */
public record NotificationSent(UUID eventId, Instant occurredAt, int schemaVersion,
                               UUID appointmentId, String kind, String channel, String recipient,
                               String providerMessageId, int forecastVersion, Instant windowStart,
                               Instant windowEnd) implements NotificationEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The 0.1.2 shape, without the told window. */
    public NotificationSent(UUID eventId, Instant occurredAt, int schemaVersion, UUID appointmentId, String kind,
                            String channel, String recipient, String providerMessageId, int forecastVersion) {
        this(eventId, occurredAt, schemaVersion, appointmentId, kind, channel, recipient, providerMessageId,
                forecastVersion, null, null);
    }

    /** customer-notify's message kinds that tell the customer a forecast's window ({@code forecastVersion} names it). */
    public static final Set<String> WINDOW_KINDS = Set.of("WINDOW_NARROWED", "WINDOW_UPDATED", "DELAY");

    /** The kind that confirms a new booked window: a window told for the old one no longer holds. */
    public static final String RESCHEDULE_CONFIRMATION = "RESCHEDULE_CONFIRMATION";

    /**
     * Whether this text told the customer the window of arrival forecast {@code forecastVersion}: from then on the
     * technician does not ring before that window opens (phone, dispatch and eta-service all go by it).
     */
    public boolean toldWindow() {
        return appointmentId != null && WINDOW_KINDS.contains(kind) && forecastVersion > 0;
    }

    /** Whether this text voids the window told before it (the appointment got a new booked window). */
    public boolean voidsToldWindow() {
        return appointmentId != null && RESCHEDULE_CONFIRMATION.equals(kind);
    }

    /**
     * Whether this text replaces {@code other} (the text behind what is stored; null when nothing is) as what the
     * customer was last told: the one rule every service keeps told windows by, see {@link TextedWindow#replaces}.
     */
    public boolean supersedes(NotificationSent other) {
        TextedWindow next = TextedWindow.of(this);
        return next != null && next.replaces(other == null ? null : TextedWindow.of(other));
    }
}
