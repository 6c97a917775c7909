package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.solver.phase.PhaseCommand;
import ai.timefold.solver.core.api.solver.phase.PhaseCommandContext;
import ai.timefold.solver.core.preview.api.domain.metamodel.PlanningListVariableMetaModel;

import java.util.List;

/**
 * The first plan: every visit nobody serves yet goes in by regret insertion ({@link Recreate#insertByRegret}),
 * priced on a copy of the routes by the model's own timing, then applied as one move. A solve of a few seconds or a
 * re-plan then starts from a plan that is already good; what no place can take is left to the search.
 */
public class RegretConstruction implements PhaseCommand<DispatchPlan> {

    @Override
    public void changeWorkingSolution(PhaseCommandContext<DispatchPlan> context) {
        DispatchPlan plan = context.getWorkingSolution();
        List<Visit> open = plan.getVisits().stream().filter(v -> v.getShift() == null).toList();
        if (open.isEmpty()) {
            return;
        }
        var recreate = new Recreate(plan.getShifts(), Recreate.emptyClasses(plan.getShifts()),
                Recreate.Weights.of(plan.getConstraintWeightOverrides()));
        List<Recreate.Placed> placed = recreate.insertByRegret(open, context::isPhaseTerminated);
        if (!placed.isEmpty()) {
            PlanningListVariableMetaModel<DispatchPlan, TechnicianShift, Visit> variable =
                    context.getSolutionMetaModel().genuineEntity(TechnicianShift.class).listVariable();
            context.execute(new RuinRecreateMove(variable, List.of(), placed));
        }
    }
}
