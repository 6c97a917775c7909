package io.fieldcast.eta.trips;

/** Where a mined arrival time comes from. */
public enum ArrivalSource {
    /** The trace and the ARRIVED tap agree (within the tolerance). */
    TAP_CONFIRMED,
    /** No ARRIVED tap: inferred from the trace entering the visit's radius. */
    TRACE,
    /** The tap came late (forgotten, tapped at the door after parking): the trace's time is used. */
    TRACE_TAP_LATE,
    /** The tap came before the trace reached the place (tapped on the way): the trace's time is used. */
    TRACE_TAP_EARLY,
    /** No usable trace near the place (GPS gap, phone off): the tap is all there is. */
    TAP_ONLY,
    /** Neither. */
    UNKNOWN
}
