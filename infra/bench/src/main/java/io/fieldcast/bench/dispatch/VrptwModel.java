package io.fieldcast.bench.dispatch;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.HardMediumSoftScore;
import io.fieldcast.dispatch.solver.DispatchConstraints;
import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.TechnicianShift;
import io.fieldcast.dispatch.solver.TravelMatrix;
import io.fieldcast.dispatch.solver.Visit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps a VRPTW instance onto the dispatch model: vehicles become shifts from the depot, customers visits with
 * their windows. Ticks are tenths of a unit when edges are truncated to one decimal (exact integers), else
 * thousandths with each edge rounded up, so whatever the solver calls feasible the checker does too.
 */
public final class VrptwModel {

    private VrptwModel() {
    }

    /** Ticks per distance unit: tenths when edges are truncated to one decimal, else thousandths. */
    public static long ticksPerUnit(VrptwInstance.Precision precision) {
        return precision == VrptwInstance.Precision.TRUNCATED_ONE_DECIMAL ? 10 : 1000;
    }

    /**
     * Where simulated annealing starts for these instances: 20 distance units, about one or two edges of a Solomon
     * route, as the production start of 200 soft is 200 seconds of driving on a real day.
     */
    public static long softTemperature(VrptwInstance.Precision precision) {
        return 20 * ticksPerUnit(precision);
    }

    public static DispatchPlan toPlan(VrptwInstance instance, VrptwInstance.Precision precision) {
        long scale = ticksPerUnit(precision);
        int n = instance.nodes().size();
        long[][] ticks = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = instance.distance(i, j, precision) * scale;
                ticks[i][j] = precision == VrptwInstance.Precision.TRUNCATED_ONE_DECIMAL ? Math.round(d)
                        : (long) Math.ceil(d - 1e-9);
            }
        }
        // One "minute" is one tick: lateness is then penalised at full resolution.
        TravelMatrix matrix = new TravelMatrix(ticks, 1);
        VrptwInstance.Node depot = instance.depot();
        List<TechnicianShift> shifts = new ArrayList<>();
        for (int v = 0; v < instance.vehicles(); v++) {
            shifts.add(new TechnicianShift("vehicle-" + v, v, 0, depot.ready() * scale, depot.due() * scale,
                    depot.due() * scale, matrix).withCapacity(instance.capacity()));
        }
        List<Visit> visits = new ArrayList<>();
        for (VrptwInstance.Node c : instance.nodes().subList(1, n)) {
            visits.add(new Visit(Integer.toString(c.id()), c.id(), c.ready() * scale, c.due() * scale,
                    c.service() * scale, matrix).withDemand(c.demand()));
        }
        return new DispatchPlan(shifts, visits, distanceOnly());
    }

    /** The benchmark objective: travel only; the workforce's soft preferences do not apply to trucks. */
    static ConstraintWeightOverrides<HardMediumSoftScore> distanceOnly() {
        return ConstraintWeightOverrides.of(Map.of(
                DispatchConstraints.OVERTIME, HardMediumSoftScore.ZERO,
                DispatchConstraints.WINDOW_RISK, HardMediumSoftScore.ZERO,
                DispatchConstraints.PREFERRED_TECHNICIAN, HardMediumSoftScore.ZERO,
                DispatchConstraints.FAIRNESS, HardMediumSoftScore.ZERO,
                DispatchConstraints.STABILITY, HardMediumSoftScore.ZERO));
    }

    public static List<List<Integer>> routes(DispatchPlan plan) {
        List<List<Integer>> routes = new ArrayList<>();
        for (TechnicianShift shift : plan.getShifts()) {
            routes.add(shift.getVisits().stream().map(Visit::location).toList());
        }
        return routes;
    }
}
