package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Job type, priority or notes changed; the window did not. {@code changedBy} (optional, since 0.1.7) is who changed
 * it: {@link AppointmentEvent#BY_CUSTOMER}, {@link AppointmentEvent#BY_DISPATCHER} or
 * {@link AppointmentEvent#BY_SYSTEM}; null from older producers.
 */
public record AppointmentUpdated(UUID eventId, Instant occurredAt, int schemaVersion,
                                 UUID appointmentId, String jobType, int priority, String notes, String changedBy)
        implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 2;

    /** The 0.1.0 shape, without who changed it. */
    public AppointmentUpdated(UUID eventId, Instant occurredAt, int schemaVersion, UUID appointmentId, String jobType,
                              int priority, String notes) {
        this(eventId, occurredAt, schemaVersion, appointmentId, jobType, priority, notes, null);
    }
}
