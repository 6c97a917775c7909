package io.fieldcast.dispatch.booking;

import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.util.UUID;

/** A visit already in a technician's day: where, when it was promised, how long it takes. */
public record Stop(UUID appointmentId, GeoPoint point, Instant windowStart, Instant windowEnd, int durationMinutes) {
}
