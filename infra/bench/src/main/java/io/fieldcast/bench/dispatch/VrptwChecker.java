package io.fieldcast.bench.dispatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a VRPTW solution without the solver: recomputes every arrival from the instance alone. Service starts
 * at max(arrival, ready) and must not pass the due date; loads within capacity; each customer exactly once;
 * at most the given fleet; back at the depot by its due date.
 */
public final class VrptwChecker {

    private static final double EPSILON = 1e-6;

    public record Result(boolean feasible, double distance, int routes, List<String> violations) {
    }

    private VrptwChecker() {
    }

    public static Result check(VrptwInstance instance, List<List<Integer>> routes, VrptwInstance.Precision precision) {
        List<String> violations = new ArrayList<>();
        int[] seen = new int[instance.nodes().size()];
        double total = 0;
        int used = 0;
        for (int r = 0; r < routes.size(); r++) {
            List<Integer> route = routes.get(r);
            if (route.isEmpty()) {
                continue;
            }
            used++;
            double time = instance.depot().ready();
            int load = 0;
            int at = 0;
            for (int customer : route) {
                if (customer <= 0 || customer >= seen.length) {
                    violations.add("route " + r + ": no customer " + customer);
                    continue;
                }
                seen[customer]++;
                VrptwInstance.Node node = instance.nodes().get(customer);
                double leg = instance.distance(at, customer, precision);
                total += leg;
                double start = Math.max(time + leg, node.ready());
                if (start > node.due() + EPSILON) {
                    violations.add("route " + r + ": customer " + customer + " starts at " + start
                            + " after due " + node.due());
                }
                time = start + node.service();
                load += node.demand();
                at = customer;
            }
            double back = instance.distance(at, 0, precision);
            total += back;
            if (time + back > instance.depot().due() + EPSILON) {
                violations.add("route " + r + ": back at depot at " + (time + back) + " after " + instance.depot().due());
            }
            if (load > instance.capacity()) {
                violations.add("route " + r + ": load " + load + " over capacity " + instance.capacity());
            }
        }
        for (int c = 1; c < seen.length; c++) {
            if (seen[c] != 1) {
                violations.add("customer " + c + " served " + seen[c] + " times");
            }
        }
        if (used > instance.vehicles()) {
            violations.add(used + " routes for a fleet of " + instance.vehicles());
        }
        return new Result(violations.isEmpty(), total, used, violations);
    }
}
