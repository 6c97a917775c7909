package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Cheapest insertion on a private copy of the routes, with the model's own timing ({@link Timing#next}), so a
 * ruin-and-recreate move or the construction can try thousands of places without asking the score director about
 * each. The cost of a place is what the model's soft constraints would add (driving, overtime, a told window broken,
 * another than the preferred or last-sent technician); a place that makes a visit late, the break late or the day end
 * past its hard end is not taken. The score director judges the result as a whole.
 */
final class Recreate {

    static final long NONE = Long.MAX_VALUE;

    /** Probability of skipping a place while looking for the cheapest ("blinks"), so repeated tries differ. */
    static final double BLINK = 0.01;

    private final List<TechnicianShift> shifts;
    private final Map<TechnicianShift, List<Visit>> routes = new IdentityHashMap<>();
    private final Map<TechnicianShift, Timing[]> timings = new IdentityHashMap<>();
    private final Map<TechnicianShift, Integer> loads = new IdentityHashMap<>();
    /** Shifts that are the same day for an empty route (same places, hours, skills): one of each is tried. */
    private final int[] sameWhenEmpty;
    private final Weights weights;

    record Weights(long overtime, long toldLate, long preferred, long moved, long toldMoved) {

        static Weights of(ConstraintWeightOverrides<HardMediumSoftScore> overrides) {
            return new Weights(
                    soft(overrides, DispatchConstraints.OVERTIME, 120),
                    soft(overrides, DispatchConstraints.BROKEN_TOLD_WINDOW, 180),
                    soft(overrides, DispatchConstraints.PREFERRED_TECHNICIAN, 600),
                    soft(overrides, DispatchConstraints.STABILITY, 900),
                    soft(overrides, DispatchConstraints.TOLD_VISIT_MOVED, 3600));
        }

        private static long soft(ConstraintWeightOverrides<HardMediumSoftScore> overrides, String name, long fallback) {
            HardMediumSoftScore w = overrides == null ? null : overrides.getConstraintWeight(name);
            return w == null ? fallback : w.softScore();
        }
    }

    /**
     * One place taken: {@code visit} at {@code index} of {@code shift}'s route, as the route was at that moment, for
     * {@code cost} soft points by this class's pricing.
     */
    record Placed(Visit visit, TechnicianShift shift, int index, long cost) {
    }

    Recreate(List<TechnicianShift> shifts, int[] sameWhenEmpty, Weights weights) {
        this.shifts = shifts;
        this.sameWhenEmpty = sameWhenEmpty;
        this.weights = weights;
    }

    /** For each shift, the first shift (by position) that would be the same route when empty. */
    static int[] emptyClasses(List<TechnicianShift> shifts) {
        Map<Object, Integer> first = new HashMap<>();
        int[] classes = new int[shifts.size()];
        for (int i = 0; i < shifts.size(); i++) {
            TechnicianShift s = shifts.get(i);
            Object key = List.of(s.location(), s.endLocation(), s.start(), s.softEnd(), s.hardEnd(), s.skills(),
                    s.breakEarliest(), s.breakLatest(), s.breakLength(), s.capacity(),
                    System.identityHashCode(s.travelFactor()), s.getFrozenCount());
            classes[i] = first.computeIfAbsent(key, k -> first.size());
        }
        return classes;
    }

    List<Visit> route(TechnicianShift shift) {
        return routes.computeIfAbsent(shift, s -> new ArrayList<>(s.getVisits()));
    }

    void remove(Visit visit) {
        TechnicianShift shift = visit.getShift();
        List<Visit> route = route(shift);
        route.remove(visit);
        timings.remove(shift);
        loads.remove(shift);
    }

    private Timing[] timings(TechnicianShift shift) {
        return timings.computeIfAbsent(shift, s -> {
            List<Visit> route = route(s);
            Timing[] t = new Timing[route.size()];
            Timing previous = s.startTiming();
            int from = s.location();
            for (int i = 0; i < t.length; i++) {
                Visit v = route.get(i);
                t[i] = Timing.next(s, previous, from, v);
                previous = t[i];
                from = v.location();
            }
            return t;
        });
    }

    private int load(TechnicianShift shift) {
        return loads.computeIfAbsent(shift, s -> route(s).stream().mapToInt(Visit::demand).sum());
    }

    /**
     * Puts {@code visit} at its cheapest place over all routes (skipping places with probability {@link #BLINK}),
     * or nowhere when no place keeps the hard rules. Returns the place taken, or null.
     */
    Placed insert(Visit visit, RandomGenerator random) {
        long best = NONE;
        TechnicianShift bestShift = null;
        int bestIndex = -1;
        boolean[] triedEmpty = new boolean[shifts.size()];
        for (int s = 0; s < shifts.size(); s++) {
            TechnicianShift shift = shifts.get(s);
            if (!shift.qualifiedFor(visit.requiredSkills())
                    || (visit.pinnedTechnicianId() != null && !visit.pinnedTechnicianId().equals(shift.technicianId()))
                    || (shift.capacity() > 0 && load(shift) + visit.demand() > shift.capacity())) {
                continue;
            }
            List<Visit> route = route(shift);
            if (route.isEmpty()) {
                if (triedEmpty[sameWhenEmpty[s]]) {
                    continue;
                }
                triedEmpty[sameWhenEmpty[s]] = true;
            }
            long fixed = assignmentCost(visit, shift);
            if (fixed >= best) {
                continue;
            }
            Timing[] times = timings(shift);
            for (int p = shift.getFrozenCount(); p <= route.size(); p++) {
                if (random != null && random.nextDouble() < BLINK) {
                    continue;
                }
                long cost = placeCost(shift, route, times, visit, p, best - fixed);
                if (cost == LATE_HERE) {
                    break; // later places only arrive later still
                }
                if (cost != NONE && fixed + cost < best) {
                    best = fixed + cost;
                    bestShift = shift;
                    bestIndex = p;
                }
            }
        }
        if (bestShift == null) {
            return null;
        }
        route(bestShift).add(bestIndex, visit);
        timings.remove(bestShift);
        loads.remove(bestShift);
        return new Placed(visit, bestShift, bestIndex, best);
    }

    private long assignmentCost(Visit visit, TechnicianShift shift) {
        long cost = 0;
        if (visit.preferredTechnicianId() != null && !visit.preferredTechnicianId().equals(shift.technicianId())) {
            cost += weights.preferred();
        }
        if (visit.publishedTechnicianId() != null && !visit.publishedTechnicianId().equals(shift.technicianId())) {
            cost += weights.moved() + (visit.isTold() ? weights.toldMoved() : 0);
        }
        return cost;
    }

    private static final long LATE_HERE = Long.MIN_VALUE;

    /**
     * What putting {@code visit} at {@code p} adds: the driving, the overtime and the told windows broken, as the
     * constraints count them. {@link #NONE} when a hard rule would break or the cost reaches {@code bound};
     * {@link #LATE_HERE} when the visit itself would be late here.
     */
    private long placeCost(TechnicianShift shift, List<Visit> route, Timing[] times, Visit visit, int p, long bound) {
        Timing previous = p == 0 ? shift.startTiming() : times[p - 1];
        int from = p == 0 ? shift.location() : route.get(p - 1).location();
        Timing here = Timing.next(shift, previous, from, visit);
        if (here.arrival() > visit.windowEnd()) {
            return LATE_HERE;
        }
        long cost = here.travel() + toldLateCost(shift, visit, here);
        // Break lateness is summed over the stops looked at: the break may move to another stop.
        long breakLate = breakLateTicks(shift, here);
        long breakLateBefore = 0;
        previous = here;
        from = visit.location();
        for (int i = p; i < route.size(); i++) {
            Visit next = route.get(i);
            Timing old = times[i];
            Timing now = Timing.next(shift, previous, from, next);
            if (Math.max(0, now.arrival() - next.windowEnd()) > Math.max(0, old.arrival() - next.windowEnd())) {
                return NONE;
            }
            breakLate += breakLateTicks(shift, now);
            breakLateBefore += breakLateTicks(shift, old);
            cost += now.travel() - old.travel() + toldLateCost(shift, next, now) - toldLateCost(shift, next, old);
            if (now.departure() == old.departure() && now.breakDone() == old.breakDone()) {
                // The rest of the day is as it was.
                return breakLate > breakLateBefore || cost >= bound ? NONE : cost;
            }
            if (cost >= bound) {
                return NONE;
            }
            previous = now;
            from = next.location();
        }
        Timing oldLast = route.isEmpty() ? shift.startTiming() : times[route.size() - 1];
        int oldFrom = route.isEmpty() ? shift.location() : route.getLast().location();
        long oldEnd = route.isEmpty() ? 0 : shift.endAfter(oldLast, oldFrom);
        long newEnd = shift.endAfter(previous, from);
        long endBreakLate = shift.endBreakLateMinutesAfter(previous, from);
        long endBreakLateBefore = route.isEmpty() ? 0 : shift.endBreakLateMinutesAfter(oldLast, oldFrom);
        if ((newEnd > shift.hardEnd() && newEnd > oldEnd) || breakLate > breakLateBefore
                || endBreakLate > endBreakLateBefore) {
            return NONE;
        }
        TravelMatrix m = shift.matrix();
        cost += shift.returnTravelAfter(previous, from)
                - (route.isEmpty() ? 0 : shift.returnTravelAfter(oldLast, oldFrom));
        if (weights.overtime() != 0) {
            cost += weights.overtime() * (m.minutesCeil(newEnd - shift.softEnd())
                    - (route.isEmpty() ? 0 : m.minutesCeil(oldEnd - shift.softEnd())));
        }
        return cost < bound ? cost : NONE;
    }

    private static long breakLateTicks(TechnicianShift shift, Timing timing) {
        return timing.tookBreakHere() ? Math.max(0, timing.breakStart() - shift.breakLatest()) : 0;
    }

    private long toldLateCost(TechnicianShift shift, Visit visit, Timing timing) {
        if (!visit.isTold() || weights.toldLate() == 0) {
            return 0;
        }
        return weights.toldLate() * shift.matrix().minutesCeil(timing.arrival() - visit.toldEnd());
    }

    @Override
    public String toString() {
        return "Recreate" + Objects.toString(routes.keySet());
    }
}
