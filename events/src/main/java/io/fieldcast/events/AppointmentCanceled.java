package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/** The appointment will not happen; {@code canceledBy} is {@code customer}, {@code dispatcher} or {@code system}. */
public record AppointmentCanceled(UUID eventId, Instant occurredAt, int schemaVersion,
                                  UUID appointmentId, String canceledBy, String reason)
        implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 1;
}
