package io.fieldcast.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The predicted arrival of a technician at one visit: the median, the 60-minute window with the most
 * probability mass and that probability. {@code forecastVersion} grows per appointment; {@code reason}
 * says in words why it moved ("previous job running 25 min long"). {@code probabilityInToldWindow} is the
 * probability that the technician arrives by the end of the window the customer was last told (the van waits for
 * its start), null when none was told or from an older producer: below the platform's threshold the promise is at
 * risk, and dispatch re-plans to keep it. {@code cause} says why the window moved as one of the {@code CAUSE_*} codes
 * (null for a first window, or from an older producer), so the customer can be told why in their language.
 */
public record ArrivalForecast(UUID eventId, Instant occurredAt, int schemaVersion,
                              UUID appointmentId, String technicianId, Instant p50Arrival,
                              Instant windowStart, Instant windowEnd, double probabilityInWindow,
                              Instant promisedStart, Instant promisedEnd, String modelVersion,
                              int forecastVersion, String reason, Double probabilityInToldWindow, String cause)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The job before this visit (or the one under way) runs longer than usual. */
    public static final String CAUSE_PREVIOUS_JOB_LONG = "PREVIOUS_JOB_LONG";
    /** Earlier visits or the roads took longer than expected. */
    public static final String CAUSE_RUNNING_BEHIND = "RUNNING_BEHIND";
    /** Earlier visits went faster than expected. */
    public static final String CAUSE_AHEAD = "AHEAD";
    /** Dispatch changed the route (a re-plan). */
    public static final String CAUSE_ROUTE_CHANGED = "ROUTE_CHANGED";
    /** The appointment got another booked window. */
    public static final String CAUSE_RESCHEDULED = "RESCHEDULED";
    /**
     * The van set off and the told window is lost on the way (held up, or set off too late): the only window moved
     * once the van is on its way, texted as a delay (0.1.9).
     */
    public static final String CAUSE_HELD_UP_ON_THE_WAY = "HELD_UP_ON_THE_WAY";

    /** A forecast that says nothing of a told window (the 0.1.0 shape; existing producers compile). */
    public ArrivalForecast(UUID eventId, Instant occurredAt, int schemaVersion, UUID appointmentId,
                           String technicianId, Instant p50Arrival, Instant windowStart, Instant windowEnd,
                           double probabilityInWindow, Instant promisedStart, Instant promisedEnd,
                           String modelVersion, int forecastVersion, String reason) {
        this(eventId, occurredAt, schemaVersion, appointmentId, technicianId, p50Arrival, windowStart, windowEnd,
                probabilityInWindow, promisedStart, promisedEnd, modelVersion, forecastVersion, reason, null, null);
    }

    /** Whether the window the customer was told is predicted to break: kept with probability below {@code threshold}. */
    public boolean toldWindowAtRisk(double threshold) {
        return probabilityInToldWindow != null && probabilityInToldWindow < threshold;
    }

    @Override
    public String topic() {
        return Topics.ARRIVAL_FORECASTS;
    }

    @Override
    public String key() {
        return appointmentId.toString();
    }
}
