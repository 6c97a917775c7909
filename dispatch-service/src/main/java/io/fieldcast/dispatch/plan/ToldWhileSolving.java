package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.domain.Appointment;
import io.fieldcast.dispatch.persistence.ToldWindows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A customer texted a window while a plan was being solved: the solve could not keep what it did not know. Before a
 * plan is published, the visits told since its problem was built are checked against it, under the day lock.
 */
final class ToldWhileSolving {

    private ToldWhileSolving() {
    }

    /**
     * The plan, not knowing the window, moves such a visit: to another technician, behind other visits, or past the
     * told end. Publishing would break a promise just made; the re-planner solves again with it kept.
     */
    static final class Outdated extends PlanPublisher.OutdatedException {
        Outdated(List<UUID> told) {
            super(told, told.size() + " visit(s) were told a window while this plan was solved and it moves them; "
                    + "solve again");
        }
    }

    /**
     * Visits told a window the solve did not see (none, or another one, in the problem) that the solved routes move:
     * to another technician, behind other open visits than the plan of record has before them, or past the told end.
     */
    static List<UUID> moved(PlanProblem problem, Map<String, List<PlanProblem.Stop>> routes, List<Appointment> open,
                            Map<UUID, ToldWindows.Told> told) {
        Map<UUID, Appointment> byId = new HashMap<>();
        open.forEach(a -> byId.put(a.id, a));
        List<UUID> broken = new ArrayList<>();
        for (var route : routes.entrySet()) {
            Set<UUID> before = new HashSet<>();
            for (PlanProblem.Stop stop : route.getValue()) {
                Appointment a = byId.get(stop.appointmentId());
                ToldWindows.Told t = a == null ? null : onDay(problem, told.get(a.id));
                PlanInput.VisitInput seen = problem.visits().get(stop.appointmentId().toString());
                if (t != null && (seen == null || !t.start().equals(seen.toldStart())
                        || !t.end().equals(seen.toldEnd()))) {
                    boolean otherTechnician = !route.getKey().equals(a.technicianId);
                    boolean pastEnd = stop.plannedArrival() != null && stop.plannedArrival().isAfter(t.end());
                    if (otherTechnician || pastEnd || !before.equals(aheadOf(a, open))) {
                        broken.add(a.id);
                    }
                }
                if (a != null) {
                    before.add(a.id);
                }
            }
        }
        return broken;
    }

    /**
     * {@code t} when it is a window of the problem's day, else null ({@link ToldWindows.Told#on}): as in the problem
     * ({@code PlanInputs}); one told for another day would refuse every plan of the day.
     */
    private static ToldWindows.Told onDay(PlanProblem problem, ToldWindows.Told t) {
        return t != null && t.on(problem.input().date(), problem.input().zone()) ? t : null;
    }

    /** The open visits ahead of {@code a} on its route in the plan of record. */
    private static Set<UUID> aheadOf(Appointment a, List<Appointment> open) {
        Set<UUID> ahead = new HashSet<>();
        for (Appointment other : open) {
            if (a.technicianId != null && a.technicianId.equals(other.technicianId) && a.routeSeq != null
                    && other.routeSeq != null && other.routeSeq < a.routeSeq) {
                ahead.add(other.id);
            }
        }
        return ahead;
    }
}
