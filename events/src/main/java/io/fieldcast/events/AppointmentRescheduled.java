package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The promised window moved. {@code manageUrl} (optional, since 0.1.6) is the customer's link to manage the
 * appointment, valid for the new window; null from older producers (the one from the booking stays valid).
 */
public record AppointmentRescheduled(UUID eventId, Instant occurredAt, int schemaVersion,
                                     UUID appointmentId, Instant previousWindowStart, Instant previousWindowEnd,
                                     Instant windowStart, Instant windowEnd, String reason, String manageUrl)
        implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 2;

    /** The 0.1.0 shape, without a manage link. */
    public AppointmentRescheduled(UUID eventId, Instant occurredAt, int schemaVersion, UUID appointmentId,
                                  Instant previousWindowStart, Instant previousWindowEnd, Instant windowStart,
                                  Instant windowEnd, String reason) {
        this(eventId, occurredAt, schemaVersion, appointmentId, previousWindowStart, previousWindowEnd, windowStart,
                windowEnd, reason, null);
    }
}
