package io.fieldcast.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A technician's day as published by dispatch. A higher {@code planVersion} replaces a lower one for the
 * same technician and date; visits are in driving order. {@code technicianFirstName} (optional, since 0.1.1) is
 * what customer texts and the tracking page call the technician.
 */
public record RoutePlanned(UUID eventId, Instant occurredAt, int schemaVersion,
                           String technicianId, String territoryId, LocalDate date, long planVersion,
                           GeoPosition start, GeoPosition end, Instant shiftStart, Instant shiftEnd,
                           List<PlannedVisit> visits, String technicianFirstName) implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    public RoutePlanned {
        visits = visits == null ? List.of() : List.copyOf(visits);
    }

    /** The 0.1.0 shape, without the technician's first name. */
    public RoutePlanned(UUID eventId, Instant occurredAt, int schemaVersion, String technicianId, String territoryId,
                        LocalDate date, long planVersion, GeoPosition start, GeoPosition end, Instant shiftStart,
                        Instant shiftEnd, List<PlannedVisit> visits) {
        this(eventId, occurredAt, schemaVersion, technicianId, territoryId, date, planVersion, start, end, shiftStart,
                shiftEnd, visits, null);
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
