package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/** The promised window moved. */
public record AppointmentRescheduled(UUID eventId, Instant occurredAt, int schemaVersion,
                                     UUID appointmentId, Instant previousWindowStart, Instant previousWindowEnd,
                                     Instant windowStart, Instant windowEnd, String reason)
        implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 1;
}
