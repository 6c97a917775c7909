package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.util.UUID;

/**
 * One visit of a published route, as the technician's phone received it. {@code toldWindowStart} is the start of
 * the window the customer was last told, null when not told or unknown (no forecasts, or a route not read from the
 * phone).
 */
public record PlannedStop(UUID appointmentId, int sequence, String jobType, GeoPoint location, Instant windowStart,
                          Instant windowEnd, Instant plannedArrival, int plannedDurationMinutes,
                          Instant toldWindowStart) {

    /** A stop whose customer was told no window. */
    public PlannedStop(UUID appointmentId, int sequence, String jobType, GeoPoint location, Instant windowStart,
                       Instant windowEnd, Instant plannedArrival, int plannedDurationMinutes) {
        this(appointmentId, sequence, jobType, location, windowStart, windowEnd, plannedArrival,
                plannedDurationMinutes, null);
    }

    /**
     * When the technician may ring at the earliest (company policy): the booked window's start, or the told
     * window's start when that is later. Null when neither is known.
     */
    public Instant doorOpens() {
        if (toldWindowStart == null) {
            return windowStart;
        }
        return windowStart == null || toldWindowStart.isAfter(windowStart) ? toldWindowStart : windowStart;
    }

    public PlannedStop withToldWindowStart(Instant told) {
        return new PlannedStop(appointmentId, sequence, jobType, location, windowStart, windowEnd, plannedArrival,
                plannedDurationMinutes, told);
    }
}
