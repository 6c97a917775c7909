package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningListVariableMetaModel;
import ai.timefold.solver.core.preview.api.move.Move;
import ai.timefold.solver.core.preview.api.move.MutableSolutionView;

import java.util.List;
import java.util.SequencedCollection;

/**
 * 2-opt* between two routes: A keeps its visits up to {@code cutA} and takes B's tail after {@code cutB}, and the
 * other way round. The move that joins two nearby visits from different routes into one.
 */
record TailExchangeMove(PlanningListVariableMetaModel<DispatchPlan, TechnicianShift, Visit> variable,
                        TechnicianShift a, int cutA, TechnicianShift b, int cutB) implements Move<DispatchPlan> {

    @Override
    public void execute(MutableSolutionView<DispatchPlan> view) {
        int tailA = view.countValues(variable, a) - (cutA + 1);
        int tailB = view.countValues(variable, b) - (cutB + 1);
        // First A's tail goes to the end of B, behind B's own tail; then B's tail moves to the end of A.
        for (int k = 0; k < tailA; k++) {
            view.moveValueBetweenLists(variable, a, cutA + 1, b, view.countValues(variable, b));
        }
        for (int k = 0; k < tailB; k++) {
            view.moveValueBetweenLists(variable, b, cutB + 1, a, view.countValues(variable, a));
        }
    }

    @Override
    public SequencedCollection<Object> getPlanningEntities() {
        return List.of(a, b);
    }

    @Override
    public String describe() {
        return "TailExchange";
    }

    @Override
    public String toString() {
        return "2opt* " + a + "@" + cutA + " <-> " + b + "@" + cutB;
    }
}
