package io.fieldcast.eta.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the forecaster needs about one technician's day at instant {@code now}: the route, what happened to
 * each visit, and the last GPS fix (null when none).
 */
public record DayState(String technicianId, LocalDate date, long planVersion, double startLat, double startLon,
                       Instant shiftStart, List<VisitPlan> visits, Map<UUID, VisitProgress> progress,
                       Fix lastFix, Instant now) {

    public record Fix(Instant time, double lat, double lon) {
    }

    public VisitProgress progressOf(UUID appointmentId) {
        return progress.getOrDefault(appointmentId, VisitProgress.NONE);
    }
}
