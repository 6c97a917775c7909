package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A text dispatch's customer portal asks customer-notify to send to a phone, in the customer's {@code language}
 * (since 0.1.6). {@code kind} says which:
 * <ul>
 *   <li>{@link #PHONE_CODE}: the one-time {@code code} that proves the person booking holds {@code phone}; no
 *       appointment exists yet. Valid until {@code expiresAt}.</li>
 *   <li>{@link #WAITLIST_OFFER}: an earlier window ({@code windowStart}–{@code windowEnd}) freed up for the waitlisted
 *       {@code appointmentId}; {@code link} accepts it until {@code expiresAt}.</li>
 *   <li>{@link #WAITLIST_TAKEN}: the window offered to {@code appointmentId} went to someone else; the appointment
 *       keeps its window.</li>
 * </ul>
 * customer-notify sends each event once (by {@code eventId}) through the same channels, quiet hours aside: the customer
 * is on the page waiting for the code, and an offer that waits loses its place.
 */
public record PortalMessage(UUID eventId, Instant occurredAt, int schemaVersion,
                            String kind, String phone, String language, String timeZone, UUID appointmentId,
                            String code, String link, Instant windowStart, Instant windowEnd, Instant expiresAt)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    public static final String PHONE_CODE = "PHONE_CODE";
    public static final String WAITLIST_OFFER = "WAITLIST_OFFER";
    public static final String WAITLIST_TAKEN = "WAITLIST_TAKEN";

    @Override
    public String topic() {
        return Topics.PORTAL_MESSAGES;
    }

    @Override
    public String key() {
        return phone;
    }
}
