package io.fieldcast.eta.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The read model's rows of a date range, as the metrics take them. */
public record Facts(List<Appointment> appointments, List<TechDay> techDays, List<Searches> searches) {

    public Facts(List<Appointment> appointments, List<TechDay> techDays) {
        this(appointments, techDays, List.of());
    }

    /** The slot searches people made in one territory on one local day through one channel. */
    public record Searches(String territory, LocalDate day, String channel, int searches, int empty) {
    }

    /** What the events said about one appointment; {@code technician} is who tapped it, else who was planned. */
    public record Appointment(UUID id, String territory, String channel, LocalDate bookedDay, Instant bookedAt,
                              Instant bookedWindowStart, LocalDate serviceDay, Instant windowStart,
                              Instant windowEnd, int reschedules, Instant canceledAt, String canceledBy,
                              int changesDispatcher, int changesCustomer, int changesSystem, int changesUnknown,
                              String technician, Instant arrivedAt, String outcome, String outcomeReason,
                              int textsSent, int textsFailed, Instant toldStart, Instant toldEnd) {

        public static final String COMPLETED = "COMPLETED";
        public static final String CANNOT_COMPLETE = "CANNOT_COMPLETE";
        public static final String NOT_HOME = "CUSTOMER_NOT_HOME";

        boolean canceled() {
            return canceledAt != null;
        }

        /** Canceled less than {@code notice} before the booked window started (or after it started). */
        boolean canceledLate(Duration notice) {
            return canceledAt != null && windowStart != null && canceledAt.isAfter(windowStart.minus(notice));
        }

        boolean noShow() {
            return CANNOT_COMPLETE.equals(outcome) && NOT_HOME.equals(outcomeReason);
        }

        boolean onTime() {
            return inside(arrivedAt, windowStart, windowEnd);
        }

        boolean toldArrival() {
            return arrivedAt != null && toldStart != null && toldEnd != null;
        }

        boolean promiseKept() {
            return inside(arrivedAt, toldStart, toldEnd);
        }

        /** Hours from booking to the start of the window promised then. */
        Double leadHours() {
            return bookedAt == null || bookedWindowStart == null ? null
                    : Duration.between(bookedAt, bookedWindowStart).toSeconds() / 3600.0;
        }

        private static boolean inside(Instant t, Instant start, Instant end) {
            return t != null && start != null && end != null && !t.isBefore(start) && !t.isAfter(end);
        }
    }

    /** One technician's day as planned (newest route) and finished (last final tap). */
    public record TechDay(String technician, LocalDate day, String territory, Instant shiftStart, Instant shiftEnd,
                          int visits, double workMinutes, double travelMinutes, double driveHomeMinutes,
                          Instant plannedEnd, double[] workByHour, double[] shiftByHour, Instant lastFinishAt) {

        double shiftMinutes() {
            return shiftStart == null || shiftEnd == null ? 0 : Duration.between(shiftStart, shiftEnd).toSeconds() / 60.0;
        }

        /**
         * Minutes past the shift's end: the day ends at the last final tap plus the planned drive home, or, without
         * taps, at the route's planned end.
         */
        double overtimeMinutes() {
            Instant end = lastFinishAt != null ? lastFinishAt.plusMillis(Math.round(driveHomeMinutes * 60_000))
                    : plannedEnd;
            if (end == null || shiftEnd == null) {
                return 0;
            }
            return Math.max(0, Duration.between(shiftEnd, end).toSeconds() / 60.0);
        }
    }
}
