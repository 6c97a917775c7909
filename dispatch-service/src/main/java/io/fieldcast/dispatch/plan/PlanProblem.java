package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.Visit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The solver's problem for one territory-day plus what it takes to turn ticks back into appointments and times. */
public record PlanProblem(PlanInput input, DispatchPlan plan, Instant epoch, Map<String, PlanInput.VisitInput> visits,
                          Map<String, PlanInput.ShiftInput> shifts) {

    /** One stop of a solved route. */
    public record Stop(UUID appointmentId, int sequence, Instant plannedArrival, int durationMinutes, boolean late) {
    }

    public Instant at(long ticks) {
        return epoch.plusSeconds(ticks);
    }

    /** Routes of {@code solved} (which must come from this problem), by technician, in order. */
    public Map<String, List<Stop>> routes(DispatchPlan solved) {
        Map<String, List<Stop>> routes = new LinkedHashMap<>();
        for (TechnicianShift shift : solved.getShifts()) {
            List<Stop> stops = new ArrayList<>();
            for (Visit v : shift.getVisits()) {
                long duration = v.durationOn(shift);
                stops.add(new Stop(UUID.fromString(v.getId()), stops.size(),
                        v.getTiming() == null ? null : at(v.getTiming().arrival()),
                        (int) Math.round(duration / 60.0), v.lateTicks() > 0));
            }
            routes.put(shift.technicianId(), stops);
        }
        return routes;
    }

    public List<UUID> unassigned(DispatchPlan solved) {
        return solved.getVisits().stream().filter(v -> v.getShift() == null).map(v -> UUID.fromString(v.getId()))
                .toList();
    }

    /** Headline figures of a solved plan, the same for the console, the API and the benchmarks. */
    public record Kpis(int visits, int assigned, int late, double travelHours, double overtimeHours,
                       double workHours) {

        public double assignedPct() {
            return visits == 0 ? 100 : 100.0 * assigned / visits;
        }
    }

    public static Kpis kpis(DispatchPlan solved) {
        int assigned = 0;
        int late = 0;
        long travel = 0;
        long overtime = 0;
        long work = 0;
        for (TechnicianShift s : solved.getShifts()) {
            assigned += s.getVisits().size();
            late += (int) s.getVisits().stream().filter(v -> v.lateTicks() > 0).count();
            travel += s.travelTicks();
            if (!s.getVisits().isEmpty()) {
                overtime += Math.max(0, s.end() - s.softEnd());
                work += s.end() - s.start();
            }
        }
        return new Kpis(solved.getVisits().size(), assigned, late, travel / 3600.0, overtime / 3600.0,
                work / 3600.0);
    }
}
