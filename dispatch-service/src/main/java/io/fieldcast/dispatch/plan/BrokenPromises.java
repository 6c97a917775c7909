package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.solver.DispatchPlan;
import io.fieldcast.dispatch.solver.Visit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The windows told to customers that a plan would break: a told visit left unassigned, or reached after the end of
 * its told window. Publishing such a plan by hand needs the dispatcher's confirmation, because each of those customers
 * will be texted a new window.
 */
public final class BrokenPromises {

    /** One customer's told window the plan breaks, and how. */
    public record Broken(UUID appointmentId, Instant toldStart, Instant toldEnd, String technicianBefore,
                         String technicianAfter, Instant plannedArrival, String why) {
    }

    private BrokenPromises() {
    }

    public static List<Broken> of(PlanProblem problem, DispatchPlan plan) {
        List<Broken> broken = new ArrayList<>();
        for (Visit v : plan.getVisits()) {
            PlanInput.VisitInput in = problem.visits().get(v.getId());
            if (in == null || in.toldStart() == null || !v.isTold()) {
                continue;
            }
            String after = v.getShift() == null ? null : v.getShift().technicianId();
            Instant arrival = after == null || v.getTiming() == null ? null : problem.at(v.getTiming().arrival());
            String why;
            if (after == null) {
                why = "left unassigned";
            } else if (v.toldLateTicks() > 0) {
                why = "reached %d min after the told window ends".formatted(
                        Duration.between(in.toldEnd(), arrival).toMinutes());
            } else {
                continue;
            }
            broken.add(new Broken(UUID.fromString(v.getId()), in.toldStart(), in.toldEnd(), in.technicianId(), after,
                    arrival, why));
        }
        return broken;
    }
}
