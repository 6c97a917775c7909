package io.fieldcast.dispatch.plan;

import io.fieldcast.dispatch.domain.Shift;
import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.events.Events;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.RoutePlanned;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Technicians who were sent a route of the day but are not in this plan any more (out sick, deactivated, moved to
 * another territory): without a route of their own their phone would keep showing visits that are someone else's.
 * Each gets one empty route; its empty signature is then stored, so later re-plans send nothing more.
 */
final class EmptiedRoutes {

    private EmptiedRoutes() {
    }

    /** Empty routes for technicians with a non-empty sent route who are not in {@code planned}. */
    static Uni<List<RoutePlanned>> of(PlanProblem problem, Set<String> planned, Map<String, String> sent,
                                      long version, Instant now) {
        List<String> emptied = sent.entrySet().stream()
                .filter(e -> !planned.contains(e.getKey()) && !e.getValue().isEmpty())
                .map(Map.Entry::getKey).sorted().toList();
        if (emptied.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Technician.<Technician>list("id in ?1", emptied).map(techs -> techs.stream()
                .map(t -> empty(problem, t, version, now)).toList());
    }

    private static RoutePlanned empty(PlanProblem problem, Technician tech, long version, Instant now) {
        var date = problem.input().date();
        // The hours they would have worked, for consumers that expect a shift; none when there are none.
        var shift = Shift.on(tech, List.of(), date, problem.input().zone());
        GeoPosition home = new GeoPosition(tech.homeLat, tech.homeLon);
        String first = tech.name == null || tech.name.isBlank() ? null : tech.name.strip().split("\\s+")[0];
        return new RoutePlanned(Events.newId(), now, RoutePlanned.SCHEMA_VERSION, tech.id,
                problem.input().territoryId(), date, version, home, home,
                shift.map(Shift::start).orElse(null), shift.map(Shift::end).orElse(null), List.of(), first);
    }
}
