package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/** A customer was promised a window. {@code timeZone} is the territory's IANA zone, for quiet hours and texts. */
public record AppointmentBooked(UUID eventId, Instant occurredAt, int schemaVersion,
                                UUID appointmentId, String territoryId, String timeZone, String jobType,
                                CustomerContact customer, String address, GeoPosition location,
                                Instant windowStart, Instant windowEnd, int priority, String notes)
        implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 1;
}
