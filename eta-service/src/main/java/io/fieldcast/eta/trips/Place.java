package io.fieldcast.eta.trips;

import java.util.UUID;

/** A stop of the day in driving order: a visit (with its job type) or the start (appointmentId null). */
public record Place(UUID appointmentId, String jobType, double lat, double lon) {

    public static Place start(double lat, double lon) {
        return new Place(null, null, lat, lon);
    }
}
