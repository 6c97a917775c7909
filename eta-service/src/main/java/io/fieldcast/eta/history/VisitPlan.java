package io.fieldcast.eta.history;

import java.time.Instant;
import java.util.UUID;

/** One visit of a published route, in driving order, with the promised window. */
public record VisitPlan(UUID appointmentId, String jobType, double lat, double lon, Instant windowStart,
                        Instant windowEnd, Instant plannedArrival, int plannedMinutes) {
}
