package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One stop of a published route, with what the technician's phone shows (customer first name, address,
 * job type, notes) and what forecasting needs (planned arrival, planned duration, promised window).
 */
public record PlannedVisit(UUID appointmentId, int sequence, String jobType, String customerFirstName,
                           String address, GeoPosition location, String notes,
                           Instant windowStart, Instant windowEnd, Instant plannedArrival,
                           int plannedDurationMinutes, boolean pinned) {
}
