package io.fieldcast.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A technician's day as published by dispatch. A higher {@code planVersion} replaces a lower one for the
 * same technician and date; visits are in driving order.
 */
public record RoutePlanned(UUID eventId, Instant occurredAt, int schemaVersion,
                           String technicianId, String territoryId, LocalDate date, long planVersion,
                           GeoPosition start, GeoPosition end, Instant shiftStart, Instant shiftEnd,
                           List<PlannedVisit> visits) implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    public RoutePlanned {
        visits = visits == null ? List.of() : List.copyOf(visits);
    }

    @Override
    public String topic() {
        return Topics.ROUTES;
    }

    @Override
    public String key() {
        return technicianId;
    }
}
