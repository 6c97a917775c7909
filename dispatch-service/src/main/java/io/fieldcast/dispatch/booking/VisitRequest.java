package io.fieldcast.dispatch.booking;

import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.util.Map;

/** A visit someone wants booked: place, expected duration, promised window, skills it needs. */
public record VisitRequest(GeoPoint point, String jobType, int durationMinutes, Instant windowStart,
                           Instant windowEnd, Map<String, Integer> requiredSkills) {

    public VisitRequest {
        requiredSkills = Map.copyOf(requiredSkills);
    }

    /** A visit of an unnamed job type: the given duration for everyone. */
    public VisitRequest(GeoPoint point, int durationMinutes, Instant windowStart, Instant windowEnd,
                        Map<String, Integer> requiredSkills) {
        this(point, null, durationMinutes, windowStart, windowEnd, requiredSkills);
    }

    /** The visit as a stop of {@code tech}'s day: with that technician's learned duration for the job type. */
    public Stop asStopFor(TechDay tech) {
        return new Stop(null, point, windowStart, windowEnd, tech.minutesFor(jobType, durationMinutes));
    }
}
