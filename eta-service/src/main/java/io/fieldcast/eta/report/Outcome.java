package io.fieldcast.eta.report;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One visit: the first 60-minute window the customer was sent (null fields when none went out) against when the
 * technician really arrived (null while unknown), why the first window was held back the last time it was while
 * the visit was still an hour or more away ({@code heldReason}, null if it never was), and how many jobs the
 * technician still had to finish before the visit when its first window was told ({@code jobsAhead}, null when not
 * known).
 */
public record Outcome(UUID appointmentId, String technicianId, Instant sentAt, Instant windowStart,
                      Instant windowEnd, Double probability, Instant p50, Instant arrived, String modelVersion,
                      String heldReason, Integer jobsAhead) {

    public Outcome(UUID appointmentId, String technicianId, Instant sentAt, Instant windowStart, Instant windowEnd,
                   Double probability, Instant p50, Instant arrived, String modelVersion, String heldReason) {
        this(appointmentId, technicianId, sentAt, windowStart, windowEnd, probability, p50, arrived, modelVersion,
                heldReason, null);
    }

    public Outcome(UUID appointmentId, String technicianId, Instant sentAt, Instant windowStart, Instant windowEnd,
                   Double probability, Instant p50, Instant arrived, String modelVersion) {
        this(appointmentId, technicianId, sentAt, windowStart, windowEnd, probability, p50, arrived, modelVersion,
                null);
    }

    public boolean windowSent() {
        return sentAt != null && windowStart != null && windowEnd != null;
    }

    /** Minutes between sending the first window and the arrival (negative if sent after it). */
    public double leadMinutes() {
        return Duration.between(sentAt, arrived).toSeconds() / 60.0;
    }

    public boolean hit() {
        return !arrived.isBefore(windowStart) && arrived.isBefore(windowEnd);
    }

    /** |p50 - arrival| in minutes; the window's middle when no p50 was stored. */
    public double absErrorMinutes() {
        Instant centre = p50 != null ? p50 : windowStart.plus(Duration.between(windowStart, windowEnd).dividedBy(2));
        return Math.abs(Duration.between(centre, arrived).toSeconds()) / 60.0;
    }
}
