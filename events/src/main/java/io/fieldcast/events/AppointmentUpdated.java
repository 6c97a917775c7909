package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/** Job type, priority or notes changed; the window did not. */
public record AppointmentUpdated(UUID eventId, Instant occurredAt, int schemaVersion,
                                 UUID appointmentId, String jobType, int priority, String notes)
        implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 1;
}
