package io.fieldcast.dispatch.solver;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;

import java.util.List;

/** A territory-day to plan: technicians' shifts and the visits they may serve. */
@PlanningSolution
public class DispatchPlan {

    @PlanningEntityCollectionProperty
    private List<TechnicianShift> shifts;
    @PlanningEntityCollectionProperty
    @ValueRangeProvider
    private List<Visit> visits;
    private ConstraintWeightOverrides<HardMediumSoftScore> constraintWeightOverrides;
    @PlanningScore
    private HardMediumSoftScore score;

    public DispatchPlan() {
    }

    public DispatchPlan(List<TechnicianShift> shifts, List<Visit> visits,
                        ConstraintWeightOverrides<HardMediumSoftScore> weights) {
        this.shifts = shifts;
        this.visits = visits;
        this.constraintWeightOverrides = weights;
    }

    public List<TechnicianShift> getShifts() {
        return shifts;
    }

    public List<Visit> getVisits() {
        return visits;
    }

    public ConstraintWeightOverrides<HardMediumSoftScore> getConstraintWeightOverrides() {
        return constraintWeightOverrides;
    }

    public void setConstraintWeightOverrides(ConstraintWeightOverrides<HardMediumSoftScore> overrides) {
        this.constraintWeightOverrides = overrides;
    }

    public HardMediumSoftScore getScore() {
        return score;
    }

    public void setScore(HardMediumSoftScore score) {
        this.score = score;
    }
}
