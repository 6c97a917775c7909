package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One stop of a published route, with what the technician's phone shows (customer first name, address,
 * job type, notes) and what forecasting needs (planned arrival, planned duration, promised window).
 * {@code customerPhone} (optional, since 0.1.2) is what the phone's "Call" link dials.
 */
public record PlannedVisit(UUID appointmentId, int sequence, String jobType, String customerFirstName,
                           String address, GeoPosition location, String notes,
                           Instant windowStart, Instant windowEnd, Instant plannedArrival,
                           int plannedDurationMinutes, boolean pinned, String customerPhone) {

    /** The 0.1.1 shape, without the customer's phone. */
    public PlannedVisit(UUID appointmentId, int sequence, String jobType, String customerFirstName, String address,
                        GeoPosition location, String notes, Instant windowStart, Instant windowEnd,
                        Instant plannedArrival, int plannedDurationMinutes, boolean pinned) {
        this(appointmentId, sequence, jobType, customerFirstName, address, location, notes, windowStart, windowEnd,
                plannedArrival, plannedDurationMinutes, pinned, null);
    }
}
