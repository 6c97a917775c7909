package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.util.UUID;

/** One visit of a published route, as the technician's phone received it. */
public record PlannedStop(UUID appointmentId, int sequence, String jobType, GeoPoint location, Instant windowStart,
                          Instant windowEnd, Instant plannedArrival, int plannedDurationMinutes) {
}
