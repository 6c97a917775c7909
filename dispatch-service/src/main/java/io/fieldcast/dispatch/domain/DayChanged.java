package io.fieldcast.dispatch.domain;

import java.time.LocalDate;

/**
 * The work of a territory-day changed under its plan (a cancellation, an emergency booked). Fired as a CDI event and
 * observed synchronously, on the firing thread, so the use case that changes the day never knows who re-plans it.
 */
public record DayChanged(String territoryId, LocalDate date, String reason) {
}
