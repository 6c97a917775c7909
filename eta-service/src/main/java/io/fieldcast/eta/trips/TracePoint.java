package io.fieldcast.eta.trips;

import io.fieldcast.eta.road.Geo;

import java.time.Instant;

/** One stored GPS fix, in the phone's time. */
public record TracePoint(Instant time, double lat, double lon, double accuracyMeters) {

    public double metersTo(double otherLat, double otherLon) {
        return Geo.meters(lat, lon, otherLat, otherLon);
    }

    public double metersTo(TracePoint other) {
        return Geo.meters(lat, lon, other.lat, other.lon);
    }
}
