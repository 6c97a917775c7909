package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
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

    record Weights(long overtime, long toldLate, long preferred, long moved, long toldMoved, long windowRisk,
                   long toldRisk, long reordered) {

        static Weights of(ConstraintWeightOverrides<HardMediumSoftScore> overrides) {
            return new Weights(
                    soft(overrides, DispatchConstraints.OVERTIME, 120),
                    soft(overrides, DispatchConstraints.BROKEN_TOLD_WINDOW, 180),
                    soft(overrides, DispatchConstraints.PREFERRED_TECHNICIAN, 600),
                    soft(overrides, DispatchConstraints.STABILITY, 900),
                    soft(overrides, DispatchConstraints.TOLD_VISIT_MOVED, 3600),
                    soft(overrides, DispatchConstraints.WINDOW_RISK, 60),
                    soft(overrides, DispatchConstraints.TOLD_WINDOW_RISK, 90),
                    soft(overrides, DispatchConstraints.ROUTE_REORDERED, 300));
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
                    s.travelFactor(), s.getFrozenCount());
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
            if (route(shift).isEmpty()) {
                if (triedEmpty[sameWhenEmpty[s]]) {
                    continue;
                }
                triedEmpty[sameWhenEmpty[s]] = true;
            }
            long price = price(visit, shift, random, best);
            if (price != NONE) {
                best = price;
                bestShift = shift;
                bestIndex = priceIndex;
            }
        }
        return bestShift == null ? null : place(visit, bestShift, bestIndex, best);
    }

    /**
     * Regret insertion for a construction: again and again, the visit whose best place is cheaper than its second
     * best by the most goes first (a visit with one place left cannot wait), at its best place. Prices of a route are
     * worked out again only when a visit went into it. Stops early when {@code stop} says so.
     */
    List<Placed> insertByRegret(List<Visit> toPlace, BooleanSupplier stop) {
        int n = toPlace.size();
        int m = shifts.size();
        long[][] cost = new long[n][m];
        int[][] index = new int[n][m];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < m; s++) {
                cost[i][s] = price(toPlace.get(i), shifts.get(s), null, NONE);
                index[i][s] = priceIndex;
            }
        }
        boolean[] done = new boolean[n];
        List<Placed> placed = new ArrayList<>();
        for (int round = 0; round < n && !stop.getAsBoolean(); round++) {
            int pick = -1;
            int pickShift = -1;
            long pickRegret = -1;
            long pickBest = NONE;
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    continue;
                }
                int b1 = -1;
                for (int s = 0; s < m; s++) {
                    if (cost[i][s] != NONE && (b1 < 0 || cost[i][s] < cost[i][b1])) {
                        b1 = s;
                    }
                }
                if (b1 < 0) {
                    done[i] = true; // no place keeps the hard rules: left for the search
                    continue;
                }
                long b2 = NONE;
                boolean emptyBest = route(shifts.get(b1)).isEmpty();
                for (int s = 0; s < m; s++) {
                    if (s == b1 || (emptyBest && route(shifts.get(s)).isEmpty() && sameWhenEmpty[s] == sameWhenEmpty[b1])) {
                        continue; // the same empty day twice is one choice
                    }
                    b2 = Math.min(b2, cost[i][s]);
                }
                long regret = b2 == NONE ? Long.MAX_VALUE / 2 : b2 - cost[i][b1];
                if (regret > pickRegret || (regret == pickRegret && cost[i][b1] < pickBest)) {
                    pick = i;
                    pickShift = b1;
                    pickRegret = regret;
                    pickBest = cost[i][b1];
                }
            }
            if (pick < 0) {
                break;
            }
            TechnicianShift target = shifts.get(pickShift);
            placed.add(place(toPlace.get(pick), target, index[pick][pickShift], cost[pick][pickShift]));
            done[pick] = true;
            for (int i = 0; i < n; i++) {
                if (!done[i]) {
                    cost[i][pickShift] = price(toPlace.get(i), target, null, NONE);
                    index[i][pickShift] = priceIndex;
                }
            }
        }
        return placed;
    }

    private Placed place(Visit visit, TechnicianShift shift, int index, long cost) {
        route(shift).add(index, visit);
        timings.remove(shift);
        loads.remove(shift);
        return new Placed(visit, shift, index, cost);
    }

    /** Where the last {@link #price} found its cheapest place. */
    private int priceIndex;

    /**
     * The cheapest price of {@code visit} on {@code shift}'s route below {@code bound} (its place in
     * {@link #priceIndex}), or {@link #NONE}.
     */
    private long price(Visit visit, TechnicianShift shift, RandomGenerator random, long bound) {
        priceIndex = -1;
        if (!shift.qualifiedFor(visit.requiredSkills())
                || (visit.pinnedTechnicianId() != null && !visit.pinnedTechnicianId().equals(shift.technicianId()))
                || (shift.capacity() > 0 && load(shift) + visit.demand() > shift.capacity())) {
            return NONE;
        }
        long fixed = assignmentCost(visit, shift);
        if (fixed >= bound) {
            return NONE;
        }
        List<Visit> route = route(shift);
        Timing[] times = timings(shift);
        long best = bound;
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
                priceIndex = p;
            }
        }
        return priceIndex < 0 ? NONE : best;
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
     * What re-ordering the route sent costs when {@code visit} goes in at {@code p} after {@code before}: the visit
     * itself after another one than sent, and the visit it pushes back now after it instead of after {@code before}.
     */
    private long reorderCost(TechnicianShift shift, List<Visit> route, Visit visit, int p, Visit before) {
        int changed = visit.reorderedAfter(before, shift) ? 1 : 0;
        if (p < route.size()) {
            Visit pushed = route.get(p);
            changed += (pushed.reorderedAfter(visit, shift) ? 1 : 0) - (pushed.reorderedAfter(before, shift) ? 1 : 0);
        }
        return changed * weights.reordered();
    }

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
        Visit before = p == 0 ? null : route.get(p - 1);
        long cost = here.travel() + toldLateCost(visit, here) + riskCost(before, visit, here)
                + reorderCost(shift, route, visit, p, before);
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
            cost += now.travel() - old.travel() + toldLateCost(next, now) - toldLateCost(next, old)
                    + riskCost(i == p ? visit : route.get(i - 1), next, now)
                    - riskCost(i == 0 ? null : route.get(i - 1), next, old);
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

    /** "Window at risk" and "Told window at risk" of {@code visit} arriving as {@code timing} says after {@code previous}. */
    private long riskCost(Visit previous, Visit visit, Timing timing) {
        return weights.windowRisk() * visit.windowRiskMinutesArriving(previous, timing.arrival())
                + weights.toldRisk() * visit.toldRiskMinutesArriving(previous, timing.arrival());
    }

    private long toldLateCost(Visit visit, Timing timing) {
        return weights.toldLate() * visit.toldLateMinutesArriving(timing.arrival());
    }
}
