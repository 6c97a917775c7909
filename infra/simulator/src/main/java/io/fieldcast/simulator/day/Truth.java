package io.fieldcast.simulator.day;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What really happened: for evaluation only, never sent to the platform. */
public final class Truth {

    private Truth() {
    }

    /** How a visit ended in reality. */
    public enum Outcome {
        COMPLETED, NO_SHOW, SKIPPED_SICK, OUT_OF_TIME
    }

    /**
     * One visit. {@code arrivedAt} is when the van reached the address (the ARRIVED tap follows a little later);
     * {@code driveSeconds} the real drive, {@code freeFlowSeconds} what the road network predicted for it.
     */
    public record Visit(String technicianId, LocalDate date, UUID appointmentId, String jobType, Instant departedAt,
                        Instant arrivedAt, Instant finishedAt, Outcome outcome, double driveSeconds,
                        double freeFlowSeconds, double meters, double serviceMinutes, boolean longJob,
                        double detourMinutes) {
    }

    public record Interval(Instant from, Instant to) {
    }

    /** A technician's day as a whole. */
    public record Day(String technicianId, LocalDate date, Instant leftHomeAt, double lateStartMinutes,
                      Interval lunch, List<Interval> offline, Instant wentSickAt, Instant backHomeAt, double meters,
                      int fixes, int taps) {
    }
}
