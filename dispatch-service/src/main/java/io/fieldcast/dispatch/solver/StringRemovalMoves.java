package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.impl.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningListVariableMetaModel;
import ai.timefold.solver.core.preview.api.move.Move;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Ruin and recreate by string removal (after Christiaens and Vanden Berghe's SISR): take strings of consecutive visits
 * off a few routes near a random visit, then put them back one by one at their cheapest place, skipping a place now
 * and then. Removing neighbours from neighbouring routes at once lets the day be re-cut where relocations and swaps of
 * one visit only climb a hill. The places are priced by {@link Recreate} on a copy of the routes, so one move costs
 * the score director one evaluation, not one per place tried.
 */
public class StringRemovalMoves implements MoveIteratorFactory<DispatchPlan, Move<DispatchPlan>> {

    /** Average number of visits taken off. */
    static final double AVERAGE_REMOVED = 10;
    /** Longest string taken off one route. */
    static final int MAX_STRING = 10;
    /** How many routes near the seed are looked at to find the strings. */
    static final int ADJACENT = 60;
    /** At most this many visits nobody serves are tried again with each move. */
    static final int UNASSIGNED_TRIED = 5;

    private PlanningListVariableMetaModel<DispatchPlan, TechnicianShift, Visit> variable;
    private List<Visit> visits;
    private List<TechnicianShift> shifts;
    private Map<Visit, Visit[]> adjacent;
    private int[] sameWhenEmpty;
    private Recreate.Weights weights;

    @Override
    public void phaseStarted(ScoreDirector<DispatchPlan> scoreDirector) {
        prepare(scoreDirector);
    }

    private void prepare(ScoreDirector<DispatchPlan> scoreDirector) {
        if (variable == null) {
            variable = NearbyMoves.visitsVariable(scoreDirector);
        }
        DispatchPlan plan = scoreDirector.getWorkingSolution();
        if (plan.getVisits() != visits) {
            visits = plan.getVisits();
            shifts = plan.getShifts();
            adjacent = Neighbours.of(visits, ADJACENT);
            sameWhenEmpty = Recreate.emptyClasses(shifts);
            weights = Recreate.Weights.of(plan.getConstraintWeightOverrides());
        }
    }

    @Override
    public long getSize(ScoreDirector<DispatchPlan> scoreDirector) {
        return (long) scoreDirector.getWorkingSolution().getVisits().size() * ADJACENT;
    }

    @Override
    public Iterator<Move<DispatchPlan>> createOriginalMoveIterator(ScoreDirector<DispatchPlan> scoreDirector) {
        throw new UnsupportedOperationException("ruin and recreate moves are only selected at random");
    }

    @Override
    public Iterator<Move<DispatchPlan>> createRandomMoveIterator(ScoreDirector<DispatchPlan> scoreDirector,
                                                               RandomGenerator random) {
        prepare(scoreDirector);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return visits.stream().anyMatch(StringRemovalMoves::removable);
            }

            @Override
            public Move<DispatchPlan> next() {
                return propose(random);
            }
        };
    }

    /** A visit the move may take off its route: assigned, not fixed by a running day, not pinned. */
    static boolean removable(Visit v) {
        TechnicianShift s = v.getShift();
        return s != null && v.getIndex() >= s.getFrozenCount() && v.pinnedTechnicianId() == null
                && !v.hasFixedTimes();
    }

    Move<DispatchPlan> propose(RandomGenerator random) {
        List<Visit> removed = ruin(random);
        List<Visit> toPlace = new ArrayList<>(removed);
        List<Visit> unassigned = new ArrayList<>();
        for (Visit v : visits) {
            if (v.getShift() == null) {
                unassigned.add(v);
            }
        }
        Collections.shuffle(unassigned, Random.from(random));
        toPlace.addAll(unassigned.subList(0, Math.min(UNASSIGNED_TRIED, unassigned.size())));
        order(toPlace, random);
        Recreate recreate = new Recreate(shifts, sameWhenEmpty, weights);
        for (Visit v : removed) {
            recreate.remove(v);
        }
        List<Recreate.Placed> placed = new ArrayList<>();
        for (Visit v : toPlace) {
            Recreate.Placed p = recreate.insert(v, random);
            if (p != null) {
                placed.add(p);
            }
        }
        return new RuinRecreateMove(variable, removed, placed);
    }

    /** Strings of consecutive visits off a few routes around a random seed visit. */
    List<Visit> ruin(RandomGenerator random) {
        int served = 0;
        int routes = 0;
        for (TechnicianShift s : shifts) {
            if (!s.getVisits().isEmpty()) {
                served += s.getVisits().size();
                routes++;
            }
        }
        List<Visit> removed = new ArrayList<>();
        if (routes == 0) {
            return removed;
        }
        double maxString = Math.min(MAX_STRING, (double) served / routes);
        double maxStrings = 4 * AVERAGE_REMOVED / (1 + maxString) - 1;
        int strings = (int) Math.floor(1 + random.nextDouble() * maxStrings);
        Visit seed = null;
        for (int attempt = 0; attempt < 20 && seed == null; attempt++) {
            Visit v = visits.get(random.nextInt(visits.size()));
            if (removable(v)) {
                seed = v;
            }
        }
        if (seed == null) {
            return removed;
        }
        Set<TechnicianShift> ruined = Collections.newSetFromMap(new IdentityHashMap<>());
        Visit[] near = adjacent.get(seed);
        for (int k = -1; k < near.length && ruined.size() < strings; k++) {
            Visit c = k < 0 ? seed : near[k];
            if (!removable(c) || ruined.contains(c.getShift())) {
                continue;
            }
            TechnicianShift route = c.getShift();
            ruined.add(route);
            removeString(route, c, maxString, random, removed);
        }
        return removed;
    }

    private static void removeString(TechnicianShift route, Visit around, double maxString, RandomGenerator random,
                                     List<Visit> removed) {
        List<Visit> list = route.getVisits();
        int first = route.getFrozenCount();
        int open = list.size() - first;
        int longest = (int) Math.min(open, maxString);
        int length = (int) Math.floor(1 + random.nextDouble() * longest);
        int at = around.getIndex();
        // Split string: now and then a run in the middle of the string stays, so far-apart ends can be re-cut.
        int kept = 0;
        if (length < open && random.nextBoolean()) {
            kept = 1;
            while (length + kept < open && random.nextDouble() < 0.5) {
                kept++;
            }
        }
        int span = length + kept;
        int lowest = Math.max(first, at - span + 1);
        int highest = Math.min(at, list.size() - span);
        if (highest < lowest) {
            return;
        }
        int start = lowest + random.nextInt(highest - lowest + 1);
        int keptFrom = kept == 0 ? span : 1 + random.nextInt(Math.max(1, span - kept - 1));
        for (int i = 0; i < span; i++) {
            if (i >= keptFrom && i < keptFrom + kept) {
                continue;
            }
            Visit v = list.get(start + i);
            if (removable(v)) {
                removed.add(v);
            }
        }
    }

    /** The order of putting back: random, tightest window, farthest or nearest from the first technician's start. */
    private void order(List<Visit> toPlace, RandomGenerator random) {
        int pick = random.nextInt(11);
        if (pick < 4) {
            Collections.shuffle(toPlace, Random.from(random));
            return;
        }
        int home = shifts.isEmpty() ? 0 : shifts.getFirst().location();
        Comparator<Visit> order;
        if (pick < 8) {
            order = Comparator.comparingLong(v -> v.windowEnd() - v.windowStart());
        } else {
            Comparator<Visit> far = Comparator.comparingLong(v -> -v.matrix().travel(home, v.location()));
            order = pick < 10 ? far : far.reversed();
        }
        toPlace.sort(order);
    }
}
