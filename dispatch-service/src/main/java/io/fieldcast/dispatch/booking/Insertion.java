package io.fieldcast.dispatch.booking;

import java.time.Instant;

/**
 * Where a visit fits best: the technician, the position in their day (0 = first), the planned arrival,
 * the travel it adds, how full the day is afterwards (0..1 of the usable shift) and the smallest slack
 * (seconds between planned arrival and window end) over the day's visits after insertion, and the service
 * time planned for it (that technician's learned duration for the job type, else the default).
 */
public record Insertion(String technicianId, int position, Instant plannedArrival, long addedTravelSeconds,
                        double utilization, long minSlackSeconds, int durationMinutes) {

    /**
     * How comfortably it fits, 0..100: a half-empty day with slack and little detour scores high.
     * Shown to dispatchers so the best slots come first.
     */
    public double comfortScore() {
        double room = 1.0 - utilization;
        double slack = Math.min(1.0, minSlackSeconds / 3600.0);
        double detour = Math.min(1.0, addedTravelSeconds / 3600.0);
        return Math.round(1000 * Math.max(0, 0.5 * room + 0.3 * slack + 0.2 * (1 - detour))) / 10.0;
    }
}
