package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningListVariableMetaModel;
import ai.timefold.solver.core.preview.api.move.Move;
import ai.timefold.solver.core.preview.api.move.MutableSolutionView;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedCollection;

/**
 * Takes {@code removed} off their routes, then puts visits back at the places {@link Recreate} chose, in that
 * order (each index is the place in the route as it was at that moment). Decided when the move is made, so doing
 * it again gives the same plan.
 */
record RuinRecreateMove(PlanningListVariableMetaModel<DispatchPlan, TechnicianShift, Visit> variable,
                        List<Visit> removed, List<Recreate.Placed> placed) implements Move<DispatchPlan> {

    @Override
    public void execute(MutableSolutionView<DispatchPlan> view) {
        for (Visit visit : removed) {
            view.unassignValue(variable, visit);
        }
        for (Recreate.Placed p : placed) {
            view.assignValueAndAdd(variable, p.visit(), p.shift(), p.index());
        }
    }

    @Override
    public SequencedCollection<Object> getPlanningEntities() {
        var entities = new LinkedHashSet<Object>();
        for (Visit visit : removed) {
            entities.add(visit.getShift());
        }
        for (Recreate.Placed p : placed) {
            entities.add(p.shift());
        }
        entities.remove(null);
        return new ArrayList<>(entities);
    }

    @Override
    public SequencedCollection<Object> getPlanningValues() {
        var values = new LinkedHashSet<Object>(removed);
        for (Recreate.Placed p : placed) {
            values.add(p.visit());
        }
        return new ArrayList<>(values);
    }

    @Override
    public String describe() {
        return "RuinRecreate";
    }

    @Override
    public String toString() {
        return "ruin " + removed + " recreate " + placed;
    }
}
