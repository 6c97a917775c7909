package io.fieldcast.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A visit of a day under way that a technician's route was sent with is on nobody's route in the plan dispatch
 * published ({@code planVersion}): the day can no longer take it (a technician went home, the day ran too long). The
 * appointment stays booked for {@code date}; a dispatcher may put it back on a route or move it, the customer may
 * rebook it. {@code technicianId}: the route it left; {@code reason}: why the day was re-planned. Since 0.1.10.
 */
public record AppointmentUnassigned(UUID eventId, Instant occurredAt, int schemaVersion, UUID appointmentId,
                                    String territoryId, LocalDate date, String technicianId, long planVersion,
                                    String reason) implements AppointmentEvent {

    public static final int SCHEMA_VERSION = 1;
}
