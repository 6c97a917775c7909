package io.fieldcast.eta.trips;

import java.time.Duration;
import java.time.Instant;

/** The technician stood still (within a small radius) from {@code start} to {@code end}. */
public record Stop(Instant start, Instant end, double lat, double lon) {

    public Duration duration() {
        return Duration.between(start, end);
    }
}
