package io.fieldcast.dispatch.booking;

import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.util.Map;

/** A visit someone wants booked: place, expected duration, promised window, skills it needs. */
public record VisitRequest(GeoPoint point, int durationMinutes, Instant windowStart, Instant windowEnd,
                           Map<String, Integer> requiredSkills) {

    public VisitRequest {
        requiredSkills = Map.copyOf(requiredSkills);
    }

    public Stop asStop() {
        return new Stop(null, point, windowStart, windowEnd, durationMinutes);
    }
}
