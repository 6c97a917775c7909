package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The promised window moved. {@code manageUrl} (optional, since 0.1.6) is the customer's link to manage the
 * appointment, valid for the new window; null from older producers (the one from the booking stays valid).
 * {@code changedBy} (optional, since 0.1.7) is who moved it: {@link AppointmentEvent#BY_CUSTOMER},
 * {@link AppointmentEvent#BY_DISPATCHER} or {@link AppointmentEvent#BY_SYSTEM}; null from older producers.
 */
public record AppointmentRescheduled(UUID eventId, Instant occurredAt, int schemaVersion,
                                     UUID appointmentId, Instant previousWindowStart, Instant previousWindowEnd,
                                     Instant windowStart, Instant windowEnd, String reason, String manageUrl,
                                     String changedBy)
        implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 3;

    /** The 0.1.6 shape, without who moved it. */
    public AppointmentRescheduled(UUID eventId, Instant occurredAt, int schemaVersion, UUID appointmentId,
                                  Instant previousWindowStart, Instant previousWindowEnd, Instant windowStart,
                                  Instant windowEnd, String reason, String manageUrl) {
        this(eventId, occurredAt, schemaVersion, appointmentId, previousWindowStart, previousWindowEnd, windowStart,
                windowEnd, reason, manageUrl, null);
    }

    /** The 0.1.0 shape, without a manage link. */
    public AppointmentRescheduled(UUID eventId, Instant occurredAt, int schemaVersion, UUID appointmentId,
                                  Instant previousWindowStart, Instant previousWindowEnd, Instant windowStart,
                                  Instant windowEnd, String reason) {
        this(eventId, occurredAt, schemaVersion, appointmentId, previousWindowStart, previousWindowEnd, windowStart,
                windowEnd, reason, null, null);
    }
}
