package io.fieldcast.dispatch.plan;

import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A territory-day as the optimizer needs it, free of persistence types, so benchmarks can build one too. */
public record PlanInput(String territoryId, LocalDate date, ZoneId zone, List<ShiftInput> shifts,
                        List<VisitInput> visits) {

    /**
     * One technician's working day. {@code learned}: job type → {p50, p90} minutes of service.
     * {@code travelFactorByHour}: the learned travel factor per local hour (24 values), empty when none was learned
     * (every leg as mapped).
     */
    public record ShiftInput(String technicianId, String name, GeoPoint home, Instant start, Instant softEnd,
                             Instant hardEnd, Map<String, Integer> skills, Instant breakEarliest,
                             Instant breakLatest, int breakMinutes, Map<String, int[]> learned,
                             List<Double> travelFactorByHour) {

        public ShiftInput {
            travelFactorByHour = travelFactorByHour == null ? List.of() : List.copyOf(travelFactorByHour);
        }

        /** A technician whose travel factor was never learned: legs as mapped. */
        public ShiftInput(String technicianId, String name, GeoPoint home, Instant start, Instant softEnd,
                          Instant hardEnd, Map<String, Integer> skills, Instant breakEarliest, Instant breakLatest,
                          int breakMinutes, Map<String, int[]> learned) {
            this(technicianId, name, home, start, softEnd, hardEnd, skills, breakEarliest, breakLatest, breakMinutes,
                    learned, List.of());
        }
    }

    /**
     * One appointment. {@code technicianId}/{@code routeSeq} is its place in the current plan (a warm start);
     * {@code pinned} keeps it with that technician and order; {@code started} means the technician is on the way
     * or on site, so it stays first in the route with {@code fixedArrival}. {@code toldStart}/{@code toldEnd}: the
     * window the customer was last texted, null when never told. {@code forecastArrival}: eta-service's latest median
     * arrival for this visit on its current technician's route, null when none was published.
     */
    public record VisitInput(UUID appointmentId, GeoPoint point, Instant windowStart, Instant windowEnd,
                             String jobType, int defaultMinutes, Map<String, Integer> requiredSkills, int priority,
                             String technicianId, Integer routeSeq, boolean pinned, boolean started,
                             Instant plannedArrival, Instant fixedArrival, Instant toldStart, Instant toldEnd,
                             Instant forecastArrival) {

        /** Without eta-service's forecast of the arrival (none published, or for another technician). */
        public VisitInput(UUID appointmentId, GeoPoint point, Instant windowStart, Instant windowEnd, String jobType,
                          int defaultMinutes, Map<String, Integer> requiredSkills, int priority, String technicianId,
                          Integer routeSeq, boolean pinned, boolean started, Instant plannedArrival,
                          Instant fixedArrival, Instant toldStart, Instant toldEnd) {
            this(appointmentId, point, windowStart, windowEnd, jobType, defaultMinutes, requiredSkills, priority,
                    technicianId, routeSeq, pinned, started, plannedArrival, fixedArrival, toldStart, toldEnd, null);
        }

        /** A visit whose customer was never told a window. */
        public VisitInput(UUID appointmentId, GeoPoint point, Instant windowStart, Instant windowEnd, String jobType,
                          int defaultMinutes, Map<String, Integer> requiredSkills, int priority, String technicianId,
                          Integer routeSeq, boolean pinned, boolean started, Instant plannedArrival,
                          Instant fixedArrival) {
            this(appointmentId, point, windowStart, windowEnd, jobType, defaultMinutes, requiredSkills, priority,
                    technicianId, routeSeq, pinned, started, plannedArrival, fixedArrival, null, null);
        }
    }
}
