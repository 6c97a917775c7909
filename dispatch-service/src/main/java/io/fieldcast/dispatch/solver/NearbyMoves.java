package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import ai.timefold.solver.core.impl.score.director.ScoreDirector;
import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningListVariableMetaModel;
import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningSolutionMetaModel;
import ai.timefold.solver.core.preview.api.move.Move;
import ai.timefold.solver.core.preview.api.move.builtin.Moves;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Nearby selection of our own (Timefold's built-in one is an Enterprise feature): moves that put a visit next to
 * one of the {@value #NEIGHBOURS} places quickest to drive between — relocate, swap, and 2-opt* tail exchange.
 * Almost every improving move in a routing problem joins two places that are close; random pairs rarely are.
 */
public class NearbyMoves implements MoveIteratorFactory<DispatchPlan, Move<DispatchPlan>> {

    static final int NEIGHBOURS = 16;

    /** The list variable of the solver at hand: a meta-model built elsewhere is not accepted by its moves. */
    private PlanningListVariableMetaModel<DispatchPlan, TechnicianShift, Visit> variable;

    private List<Visit> visits;
    private Map<Visit, Visit[]> neighbours;

    @Override
    public void phaseStarted(ScoreDirector<DispatchPlan> scoreDirector) {
        if (variable == null) {
            variable = visitsVariable(scoreDirector);
        }
        List<Visit> current = scoreDirector.getWorkingSolution().getVisits();
        if (current != visits) {
            visits = current;
            neighbours = Neighbours.of(current, NEIGHBOURS);
        }
    }

    /** The list variable of the solver at hand, for the moves of our own factories. */
    static PlanningListVariableMetaModel<DispatchPlan, TechnicianShift, Visit> visitsVariable(
            ScoreDirector<DispatchPlan> scoreDirector) {
        PlanningSolutionMetaModel<DispatchPlan> model =
                ((InnerScoreDirector<DispatchPlan, ?>) scoreDirector).getSolutionDescriptor().getMetaModel();
        return model.genuineEntity(TechnicianShift.class).listVariable();
    }

    @Override
    public long getSize(ScoreDirector<DispatchPlan> scoreDirector) {
        return (long) scoreDirector.getWorkingSolution().getVisits().size() * NEIGHBOURS * 3;
    }

    @Override
    public Iterator<Move<DispatchPlan>> createOriginalMoveIterator(ScoreDirector<DispatchPlan> scoreDirector) {
        throw new UnsupportedOperationException("nearby moves are only selected at random");
    }

    @Override
    public Iterator<Move<DispatchPlan>> createRandomMoveIterator(ScoreDirector<DispatchPlan> scoreDirector,
                                                               RandomGenerator random) {
        phaseStarted(scoreDirector);
        List<TechnicianShift> shifts = scoreDirector.getWorkingSolution().getShifts();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                // A running day may have every visit fixed (started, imminent, or ahead of a told one): no move then.
                return visits.stream().anyMatch(v -> !frozen(v));
            }

            @Override
            public Move<DispatchPlan> next() {
                for (int attempt = 0; attempt < 100; attempt++) {
                    Move<DispatchPlan> move = propose(random, shifts);
                    if (move != null) {
                        return move;
                    }
                }
                // Nothing movable near anything: any relocation of a visit not fixed keeps the iterator going.
                List<Visit> movable = visits.stream().filter(v -> !frozen(v)).toList();
                Visit any = movable.get(random.nextInt(movable.size()));
                TechnicianShift target = shifts.get(random.nextInt(shifts.size()));
                TechnicianShift source = any.getShift();
                if (source == null) {
                    return Moves.assign(variable, any, target, target.getVisits().size());
                }
                int to = target.getVisits().size() - (source == target ? 1 : 0);
                if (source == target && to == any.getIndex()) {
                    // Already last on that route (a day of one visit, one technician): a move must move something.
                    int front = source.getFrozenCount();
                    return front < to ? Moves.change(variable, source, to, source, front)
                            : Moves.unassign(variable, source, to);
                }
                return Moves.change(variable, source, any.getIndex(), target, to);
            }
        };
    }

    private Move<DispatchPlan> propose(RandomGenerator random, List<TechnicianShift> shifts) {
        Visit v = visits.get(random.nextInt(visits.size()));
        if (frozen(v)) {
            return null;
        }
        int kind = random.nextInt(10);
        if (kind == 0) {
            // Now and then, start an empty or short route with this visit.
            TechnicianShift target = shifts.get(random.nextInt(shifts.size()));
            return relocate(v, target, target.getFrozenCount());
        }
        Visit[] near = neighbours.get(v);
        if (near.length == 0) {
            return null;
        }
        Visit u = near[random.nextInt(near.length)];
        if (u.getShift() == null) {
            return null;
        }
        int ui = u.getIndex();
        return switch (kind) {
            case 1, 2, 3, 4 -> relocate(v, u.getShift(), random.nextBoolean() ? ui + 1 : ui);
            case 5, 6 -> swapNextTo(v, u);
            default -> tailExchange(v, u, random.nextBoolean());
        };
    }

    private static boolean frozen(Visit v) {
        return v.getShift() != null && v.getIndex() < v.getShift().getFrozenCount();
    }

    private Move<DispatchPlan> relocate(Visit v, TechnicianShift target, int index) {
        if (index < target.getFrozenCount()) {
            return null;
        }
        TechnicianShift source = v.getShift();
        if (source == null) {
            return Moves.assign(variable, v, target, index);
        }
        int from = v.getIndex();
        int to = source == target && from < index ? index - 1 : index;
        if (source == target && to == from) {
            return null;
        }
        return Moves.change(variable, source, from, target, to);
    }

    /** Swaps {@code v} with the visit right after {@code u}, so that {@code v} follows {@code u}. */
    private Move<DispatchPlan> swapNextTo(Visit v, Visit u) {
        TechnicianShift s = u.getShift();
        int j = u.getIndex() + 1;
        if (v.getShift() == null || j >= s.getVisits().size() || j < s.getFrozenCount()) {
            return null;
        }
        Visit w = s.getVisits().get(j);
        if (w == v) {
            return null;
        }
        return Moves.swap(variable, v.getShift(), v.getIndex(), s, j);
    }

    /** 2-opt* that makes u follow v ({@code vThenU}) or v follow u, when they are on different routes. */
    private Move<DispatchPlan> tailExchange(Visit v, Visit u, boolean vThenU) {
        TechnicianShift a = v.getShift();
        TechnicianShift b = u.getShift();
        if (a == null || a == b) {
            return null;
        }
        int cutA = vThenU ? v.getIndex() : v.getIndex() - 1;
        int cutB = vThenU ? u.getIndex() - 1 : u.getIndex();
        if (cutA + 1 < a.getFrozenCount() || cutB + 1 < b.getFrozenCount()) {
            return null;
        }
        return new TailExchangeMove(variable, a, cutA, b, cutB);
    }
}
