package io.fieldcast.dispatch.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a route without touching the planning entities: the same timing rules as the solver's shadow
 * variables, for "what if this visit went there" questions (explanations, what-if checks).
 */
public final class RouteCheck {

    /** Hard violations of one route, by constraint name, in minutes (skills and pins: in visits). */
    public record Violations(Map<String, Long> hard, long travelTicks, long end) {

        public long total() {
            return hard.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private RouteCheck() {
    }

    public static Violations evaluate(TechnicianShift shift, List<Visit> route) {
        Map<String, Long> hard = new LinkedHashMap<>();
        TravelMatrix m = shift.matrix();
        Timing timing = shift.startTiming();
        int at = shift.location();
        long travel = 0;
        int demand = 0;
        for (Visit v : route) {
            timing = Timing.next(shift, timing, at, v);
            travel += timing.travel();
            at = v.location();
            demand += v.demand();
            add(hard, DispatchConstraints.LATE_ARRIVAL, m.minutesCeil(timing.arrival() - v.windowEnd()));
            if (timing.tookBreakHere()) {
                add(hard, DispatchConstraints.BREAK_LATE, m.minutesCeil(timing.breakStart() - shift.breakLatest()));
            }
            if (!shift.qualifiedFor(v.requiredSkills())) {
                add(hard, DispatchConstraints.REQUIRED_SKILLS, 1);
            }
            if (v.pinnedTechnicianId() != null && !v.pinnedTechnicianId().equals(shift.technicianId())) {
                add(hard, DispatchConstraints.PINNED_TECHNICIAN, 1);
            }
        }
        // The same rules as the constraints (TechnicianShift): a break still owed is taken before driving home when
        // the drive would end after the break window; the drive's factor is that of the hour the technician leaves.
        long end = shift.start();
        if (!route.isEmpty()) {
            add(hard, DispatchConstraints.BREAK_LATE, shift.endBreakLateMinutesAfter(timing, at));
            travel += shift.returnTravelAfter(timing, at);
            end = shift.endAfter(timing, at);
        }
        add(hard, DispatchConstraints.SHIFT_HARD_END, m.minutesCeil(end - shift.hardEnd()));
        if (shift.capacity() > 0) {
            add(hard, DispatchConstraints.CAPACITY, Math.max(0, demand - shift.capacity()));
        }
        return new Violations(hard, travel, end);
    }

    /** Where {@code visit} could go on {@code shift}: each position with its violations, best first. */
    public static List<Option> options(TechnicianShift shift, Visit visit) {
        List<Option> options = new ArrayList<>();
        List<Visit> current = new ArrayList<>(shift.getVisits());
        current.remove(visit);
        Violations without = evaluate(shift, current);
        for (int i = shift.getFrozenCount(); i <= current.size(); i++) {
            List<Visit> route = new ArrayList<>(current);
            route.add(i, visit);
            Violations with = evaluate(shift, route);
            Map<String, Long> added = new LinkedHashMap<>();
            with.hard().forEach((k, v) -> {
                long extra = v - without.hard().getOrDefault(k, 0L);
                if (extra > 0) {
                    added.put(k, extra);
                }
            });
            options.add(new Option(shift, i, added, with.travelTicks() - without.travelTicks()));
        }
        options.sort(Comparator.comparingLong(Option::hardTotal).thenComparingLong(Option::extraTravel));
        return options;
    }

    /** Putting a visit at {@code position} on {@code shift} adds these hard violations and this much travel. */
    public record Option(TechnicianShift shift, int position, Map<String, Long> addedHard, long extraTravel) {

        public long hardTotal() {
            return addedHard.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static void add(Map<String, Long> hard, String constraint, long amount) {
        if (amount > 0) {
            hard.merge(constraint, amount, Long::sum);
        }
    }
}
