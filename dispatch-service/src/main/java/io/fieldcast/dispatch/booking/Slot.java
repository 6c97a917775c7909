package io.fieldcast.dispatch.booking;

import java.time.Instant;
import java.time.LocalDate;

/** An arrival window that the current plans can absorb, with how comfortably (0..100). */
public record Slot(LocalDate date, Instant windowStart, Instant windowEnd, double score, String technicianId,
                   long addedTravelSeconds) {
}
