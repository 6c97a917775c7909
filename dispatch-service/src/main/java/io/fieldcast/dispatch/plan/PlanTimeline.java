package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.domain.AppointmentStatus;
import io.fieldcast.dispatch.domain.LatestForecast;
import io.fieldcast.dispatch.persistence.ToldWindows;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.Timing;
import io.fieldcast.dispatch.solver.Visit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A territory-day as the console's timeline and map draw it: per technician the day's travel, waiting, work and
 * break, and every appointment of the day with its place in the plan, what really happened and the latest forecast.
 */
public final class PlanTimeline {

    public enum Kind { TRAVEL, WAIT, WORK, BREAK }

    public record Timeline(String territoryId, LocalDate date, String zone, String source, String solveStatus,
                           String score, PlanProblem.Kpis kpis, List<Row> rows, List<VisitView> visits,
                           List<UUID> unassigned) {
    }

    /** One technician's day; {@code stops} in route order. */
    public record Row(String technicianId, String name, double homeLat, double homeLon, Instant shiftStart,
                      Instant shiftEnd, Instant hardEnd, Instant back, List<Segment> segments, List<UUID> stops) {
    }

    public record Segment(Kind kind, Instant start, Instant end, UUID appointmentId) {
    }

    public record ForecastView(Instant p50Arrival, Instant windowStart, Instant windowEnd,
                               double probabilityInWindow, String reason, Instant updatedAt) {
    }

    /**
     * The window the customer was last texted: the technician does not ring before {@code windowStart};
     * {@code broken} when the planned (or actual) arrival is after {@code windowEnd}.
     */
    public record ToldView(Instant windowStart, Instant windowEnd, String kind, Instant toldAt, boolean broken) {
    }

    /**
     * The technician's word of the job in hand, while it is ON_SITE: about {@code minutes} left, said at
     * {@code saidAt} (the phone's time), so done about {@code expectedEnd}; {@code plannedEnd} is when the plan has the
     * job end (its planned departure), {@code pastPlannedEnd} when the word puts the end after it.
     */
    public record TimeLeftView(int minutes, Instant saidAt, Instant expectedEnd, Instant plannedEnd,
                               boolean pastPlannedEnd) {
    }

    /**
     * {@code risk}: LATE (planned, forecast or actual arrival after the window), AT_RISK (the forecast's 60-minute
     * window ends after it). {@code told}: the window the customer was last texted, null when never told.
     * {@code notDoneReason}: why a visit could not be done (CUSTOMER_NOT_HOME: a no-show); {@code channel}: where it
     * was booked (console or portal). {@code timeLeft}: the technician's word of the time left while the visit is
     * on site, null when none.
     */
    public record VisitView(UUID appointmentId, UUID customerId, AppointmentStatus status, String jobType,
                            String address, double lat, double lon, int priority, Instant windowStart,
                            Instant windowEnd, int durationMinutes, String technicianId, Integer sequence,
                            Instant plannedArrival, Instant plannedStart, Instant plannedDeparture, boolean pinned,
                            Instant actualArrival, Instant actualDeparture, ForecastView forecast, String risk,
                            ToldView told, String notDoneReason, String channel, TimeLeftView timeLeft) {
    }

    private PlanTimeline() {
    }

    public static Timeline build(PlanProblem problem, DispatchPlan plan, String source, String solveStatus,
                                 List<Appointment> appointments, List<LatestForecast> forecasts,
                                 Map<UUID, ToldWindows.Told> told) {
        Map<UUID, LatestForecast> forecastById = new HashMap<>();
        forecasts.forEach(f -> forecastById.put(f.appointmentId, f));
        Map<UUID, Placed> placed = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (TechnicianShift shift : plan.getShifts()) {
            rows.add(row(problem, shift, placed));
        }
        Set<UUID> unassigned = new LinkedHashSet<>(problem.unassigned(plan));
        List<VisitView> visits = new ArrayList<>();
        for (Appointment a : appointments) {
            Placed p = placed.get(a.id);
            boolean bookedSincePlanned = !problem.visits().containsKey(a.id.toString());
            if (p == null && AppointmentStatus.OPEN.contains(a.status) && bookedSincePlanned) {
                unassigned.add(a.id);
            }
            visits.add(view(a, p, forecastById.get(a.id), told.get(a.id)));
        }
        return new Timeline(problem.input().territoryId(), problem.input().date(), problem.input().zone().getId(),
                source, solveStatus, plan.getScore() == null ? null : plan.getScore().toString(),
                PlanProblem.kpis(plan), rows, visits, List.copyOf(unassigned));
    }

    private record Placed(String technicianId, int sequence, Instant arrival, Instant start, Instant departure,
                          boolean late) {
    }

    private static Row row(PlanProblem problem, TechnicianShift shift, Map<UUID, Placed> placed) {
        PlanInput.ShiftInput in = problem.shifts().get(shift.technicianId());
        List<Segment> segments = new ArrayList<>();
        List<UUID> stops = new ArrayList<>();
        for (Visit v : shift.getVisits()) {
            Timing t = v.getTiming();
            UUID id = UUID.fromString(v.getId());
            stops.add(id);
            if (t == null) {
                continue;
            }
            if (t.tookBreakHere()) {
                add(problem, segments, Kind.BREAK, t.breakStart(), t.breakStart() + shift.breakLength(), null);
            }
            add(problem, segments, Kind.TRAVEL, t.arrival() - v.travelFromPrevious(), t.arrival(), id);
            add(problem, segments, Kind.WAIT, t.arrival(), t.start(), id);
            add(problem, segments, Kind.WORK, t.start(), t.departure(), id);
            placed.put(id, new Placed(shift.technicianId(), stops.size() - 1, problem.at(t.arrival()),
                    problem.at(t.start()), problem.at(t.departure()), v.lateTicks() > 0));
        }
        long end = shift.end();
        if (!shift.getVisits().isEmpty()) {
            long breakStart = shift.breakAfterLastVisit();
            if (breakStart != Timing.NO_BREAK) {
                add(problem, segments, Kind.BREAK, breakStart, breakStart + shift.breakLength(), null);
            }
            add(problem, segments, Kind.TRAVEL, end - shift.returnTravel(), end, null);
        }
        return new Row(shift.technicianId(), in == null ? shift.technicianId() : in.name(),
                in == null ? 0 : in.home().lat(), in == null ? 0 : in.home().lon(), problem.at(shift.start()),
                problem.at(shift.softEnd()), problem.at(shift.hardEnd()), problem.at(end), segments, stops);
    }

    private static void add(PlanProblem problem, List<Segment> segments, Kind kind, long start, long end, UUID id) {
        if (end > start) {
            segments.add(new Segment(kind, problem.at(start), problem.at(end), id));
        }
    }

    private static VisitView view(Appointment a, Placed p, LatestForecast f, ToldWindows.Told t) {
        ForecastView forecast = f == null ? null : new ForecastView(f.p50Arrival, f.windowStart, f.windowEnd,
                f.probabilityInWindow, f.reason, f.updatedAt);
        String technician = p != null ? p.technicianId() : a.technicianId;
        return new VisitView(a.id, a.customerId, a.status, a.jobType, a.address, a.lat, a.lon, a.priority,
                a.windowStart, a.windowEnd, a.durationMin, technician,
                p != null ? Integer.valueOf(p.sequence()) : a.routeSeq,
                p != null ? p.arrival() : a.plannedArrival, p == null ? null : p.start(),
                p == null ? null : p.departure(), a.pinned, a.actualArrival, a.actualDeparture, forecast,
                risk(a, p, forecast), told(a, p, t), a.notDoneReason, a.channel, timeLeft(a, p));
    }

    /**
     * The word of the job in hand, or null: none said, or the visit is not on site. The plan's end of the job is its
     * planned departure; a visit the shown plan does not place ends its usual length after it began.
     */
    private static TimeLeftView timeLeft(Appointment a, Placed p) {
        if (a.status != AppointmentStatus.ON_SITE || a.timeLeftMinutes == null || a.timeLeftSaidAt == null) {
            return null;
        }
        Instant expectedEnd = a.timeLeftSaidAt.plusSeconds(60L * a.timeLeftMinutes);
        Instant began = a.actualArrival != null ? a.actualArrival : a.plannedArrival;
        Instant plannedEnd = p != null ? p.departure() : began == null ? null : began.plusSeconds(60L * a.durationMin);
        return new TimeLeftView(a.timeLeftMinutes, a.timeLeftSaidAt, expectedEnd, plannedEnd,
                plannedEnd != null && expectedEnd.isAfter(plannedEnd));
    }

    private static ToldView told(Appointment a, Placed p, ToldWindows.Told t) {
        if (t == null) {
            return null;
        }
        Instant arrival = a.actualArrival != null ? a.actualArrival : p != null ? p.arrival() : a.plannedArrival;
        return new ToldView(t.start(), t.end(), t.kind(), t.toldAt(), arrival != null && arrival.isAfter(t.end()));
    }

    private static String risk(Appointment a, Placed p, ForecastView f) {
        if (a.status == AppointmentStatus.CANCELED || a.status == AppointmentStatus.CANNOT_COMPLETE) {
            return null;
        }
        if (a.actualArrival != null) {
            return a.actualArrival.isAfter(a.windowEnd) ? "LATE" : null;
        }
        if ((p != null && p.late()) || (f != null && f.p50Arrival().isAfter(a.windowEnd))) {
            return "LATE";
        }
        return f != null && f.windowEnd().isAfter(a.windowEnd) ? "AT_RISK" : null;
    }
}
