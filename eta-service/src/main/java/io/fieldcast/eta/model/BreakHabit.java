package io.fieldcast.eta.model;

/**
 * A technician's midday break as learned from their days: taken at the first gap between jobs after
 * {@code afterMinute} (local minute of the day), lasting {@code minutes}; {@code days} is how many days showed it.
 */
public record BreakHabit(int afterMinute, Quantiles minutes, int days) {
}
