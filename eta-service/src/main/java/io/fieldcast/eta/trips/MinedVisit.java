package io.fieldcast.eta.trips;

import io.fieldcast.eta.road.RoadLeg;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the day's trace says about one visit: when the technician left the previous place, when they really
 * arrived, how long the drive took against the road network's time for the same trip, how long the service took,
 * and what happened on the way (stops, a detour). Null fields are unknown (gaps, missing taps).
 */
public record MinedVisit(UUID appointmentId, String jobType, Instant departure, Instant arrival,
                         ArrivalSource arrivalSource, Instant completed, Double travelSeconds, RoadLeg road,
                         Double serviceSeconds, List<Stop> stopsOnTheWay, double drivenMeters, boolean detour) {

    /** Actual / road-network travel time, or null when either is unknown. */
    public Double travelFactor() {
        if (travelSeconds == null || road == null || !(road.seconds() > 30) || Double.isInfinite(road.seconds())) {
            return null;
        }
        return travelSeconds / road.seconds();
    }

    public Duration stoppedOnTheWay() {
        return stopsOnTheWay.stream().map(Stop::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
