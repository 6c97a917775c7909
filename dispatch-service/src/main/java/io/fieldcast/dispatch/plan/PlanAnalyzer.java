package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.solver.DispatchConstraints;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.RouteCheck;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.Visit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Explains a plan the way a dispatcher asks: totals per constraint, and for each unassigned or late visit why —
 * which constraints it would break in its best places.
 */
public final class PlanAnalyzer {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final int OPTIONS = 3;

    public record Analysis(String score, boolean feasible, List<ConstraintTotal> constraints,
                           List<VisitIssue> issues) {
    }

    /** {@code amount}: minutes for time rules, seconds driven for travel, visits (weighted) for the rest. */
    public record ConstraintTotal(String constraint, String level, long amount, int matches) {
    }

    public record VisitIssue(UUID appointmentId, String kind, String technicianId, List<String> reasons) {
    }

    private PlanAnalyzer() {
    }

    public static Analysis analyze(PlanJobs jobs, PlanProblem problem, DispatchPlan plan) {
        List<ConstraintTotal> totals = totals(plan);
        List<VisitIssue> issues = new ArrayList<>();
        for (Visit v : plan.getVisits()) {
            if (v.getShift() == null) {
                issues.add(new VisitIssue(UUID.fromString(v.getId()), "UNASSIGNED", null,
                        unassignedReasons(problem, plan, v)));
            } else if (v.lateTicks() > 0) {
                issues.add(new VisitIssue(UUID.fromString(v.getId()), "LATE", v.getShift().technicianId(),
                        lateReasons(problem, v)));
            } else if (v.toldLateTicks() > 0) {
                issues.add(new VisitIssue(UUID.fromString(v.getId()), "TOLD_WINDOW_BROKEN",
                        v.getShift().technicianId(), lateReasons(problem, v)));
            }
        }
        return new Analysis(String.valueOf(plan.getScore()), plan.getScore() != null && plan.getScore().isFeasible(),
                totals, issues);
    }

    /**
     * What each constraint counts in this plan, before weights: matches and the amount (minutes, visits, seconds
     * driven). Computed from the model itself; the solver's own score analysis is a commercial feature.
     */
    static List<ConstraintTotal> totals(DispatchPlan plan) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Visit v : plan.getVisits()) {
            if (v.getShift() == null) {
                count(sums, DispatchConstraints.UNASSIGNED, v.unassignedWeight(), Level.MEDIUM);
                if (v.droppedFromRoute()) {
                    count(sums, DispatchConstraints.DROPPED_FROM_ROUTE, 1, Level.HARD);
                }
                continue;
            }
            if (v.missesSkills()) {
                count(sums, DispatchConstraints.REQUIRED_SKILLS, 1, Level.HARD);
            }
            count(sums, DispatchConstraints.LATE_ARRIVAL, v.lateMinutes(), Level.HARD);
            count(sums, DispatchConstraints.BREAK_LATE, v.breakLateMinutes(), Level.HARD);
            if (v.withOtherThanPinnedTechnician()) {
                count(sums, DispatchConstraints.PINNED_TECHNICIAN, 1, Level.HARD);
            }
            count(sums, DispatchConstraints.WINDOW_RISK, v.windowRiskMinutes(), Level.SOFT);
            count(sums, DispatchConstraints.BROKEN_TOLD_WINDOW, v.toldLateMinutes(), Level.SOFT);
            if (v.withOtherThanPreferredTechnician()) {
                count(sums, DispatchConstraints.PREFERRED_TECHNICIAN, 1, Level.SOFT);
            }
            if (v.movedFromPublishedTechnician()) {
                count(sums, DispatchConstraints.STABILITY, 1, Level.SOFT);
            }
            if (v.reorderedFromPublished()) {
                count(sums, DispatchConstraints.ROUTE_REORDERED, 1, Level.SOFT);
            }
        }
        for (TechnicianShift s : plan.getShifts()) {
            count(sums, DispatchConstraints.SHIFT_HARD_END, s.pastHardEndMinutes(), Level.HARD);
            count(sums, DispatchConstraints.BREAK_LATE, s.endBreakLateMinutes(), Level.HARD);
            count(sums, DispatchConstraints.CAPACITY, s.demandOverCapacity(), Level.HARD);
            count(sums, DispatchConstraints.TRAVEL_TIME, s.travelTicks(), Level.SOFT);
            count(sums, DispatchConstraints.OVERTIME, s.overtimeMinutes(), Level.SOFT);
        }
        List<ConstraintTotal> totals = new ArrayList<>();
        sums.forEach((name, v) -> totals.add(new ConstraintTotal(name, Level.values()[(int) v[2]].name().toLowerCase(
                Locale.ROOT), v[1], (int) v[0])));
        return totals;
    }

    private enum Level { HARD, MEDIUM, SOFT }

    private static void count(Map<String, long[]> sums, String constraint, long amount, Level level) {
        if (amount > 0) {
            long[] s = sums.computeIfAbsent(constraint, k -> new long[] {0, 0, level.ordinal()});
            s[0]++;
            s[1] += amount;
        }
    }

    private static List<String> lateReasons(PlanProblem problem, Visit v) {
        List<String> reasons = new ArrayList<>();
        if (v.lateTicks() > 0) {
            reasons.add("arrives " + time(problem, v.getTiming().arrival()) + ", window ends "
                    + time(problem, v.windowEnd()) + " (" + v.lateMinutes() + " min late)");
        }
        if (v.toldLateTicks() > 0) {
            reasons.add("arrives " + time(problem, v.getTiming().arrival()) + ", the customer was told "
                    + time(problem, v.toldStart()) + "–" + time(problem, v.toldEnd()) + " ("
                    + DispatchConstraints.BROKEN_TOLD_WINDOW.toLowerCase(Locale.ROOT) + ", "
                    + v.toldLateMinutes() + " min past it)");
        }
        Visit previous = v.getPreviousVisit();
        if (previous != null && previous.getTiming() != null) {
            reasons.add("the previous visit ends at " + time(problem, previous.getTiming().departure())
                    + " and the drive takes " + Math.round(v.travelFromPrevious() / 60.0) + " min");
        } else {
            reasons.add("the technician starts at " + time(problem, v.getShift().start()) + " and the drive takes "
                    + Math.round(v.travelFromPrevious() / 60.0) + " min");
        }
        return reasons;
    }

    private static List<String> unassignedReasons(PlanProblem problem, DispatchPlan plan, Visit v) {
        List<String> reasons = new ArrayList<>();
        boolean anyQualified = plan.getShifts().stream().anyMatch(s -> s.qualifiedFor(v.requiredSkills()));
        if (!anyQualified) {
            reasons.add("no technician working that day has the skills " + v.requiredSkills());
            return reasons;
        }
        List<RouteCheck.Option> options = new ArrayList<>();
        for (TechnicianShift shift : plan.getShifts()) {
            if (shift.qualifiedFor(v.requiredSkills())) {
                RouteCheck.options(shift, v).stream().findFirst().ifPresent(options::add);
            }
        }
        options.sort(Comparator.comparingLong(RouteCheck.Option::hardTotal)
                .thenComparingLong(RouteCheck.Option::extraTravel));
        for (RouteCheck.Option o : options.subList(0, Math.min(OPTIONS, options.size()))) {
            String who = problem.shifts().get(o.shift().technicianId()).name() + " (stop " + (o.position() + 1) + ")";
            if (o.addedHard().isEmpty()) {
                reasons.add("fits with " + who + " without breaking a hard rule (+" + Math.round(o.extraTravel() / 60.0)
                        + " min driving): it lost on priority or the solve was short");
            } else {
                List<String> broken = new ArrayList<>();
                o.addedHard().forEach((k, n) -> broken.add(k + " " + n + (k.equals(DispatchConstraints.REQUIRED_SKILLS)
                        || k.equals(DispatchConstraints.PINNED_TECHNICIAN) ? "" : " min")));
                reasons.add("best place with " + who + " would break: " + String.join(", ", broken));
            }
        }
        return reasons;
    }

    private static String time(PlanProblem problem, long ticks) {
        Instant at = problem.at(ticks);
        return HH_MM.format(at.atZone(problem.input().zone()));
    }
}
