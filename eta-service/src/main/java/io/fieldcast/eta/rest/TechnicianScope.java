package io.fieldcast.eta.rest;

import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Which technicians a console user may look at here: those whose latest published route is in one of the user's
 * territories (eta-service knows a technician's territory from {@code RoutePlanned}). To anyone else a technician
 * does not exist (404), so GPS traces and trips do not leak across territories.
 */
@ApplicationScoped
public class TechnicianScope {

    public Uni<Void> requireVisible(Access access, String technicianId) {
        if (access.everyTerritory()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select territory_id from route_day where technician_id = :t and territory_id is not null
                        order by day desc limit 1""", String.class)
                .setParameter("t", technicianId).getResultList()))
                .invoke(found -> {
                    if (found.isEmpty() || !access.sees(found.getFirst())) {
                        throw ApiException.notFound("technician " + technicianId);
                    }
                }).replaceWithVoid();
    }

    /**
     * The technicians of the user's territories on a day (by that day's routes); null when the user sees every
     * territory.
     */
    public Uni<List<String>> visibleOn(Access access, java.time.LocalDate day) {
        if (access.everyTerritory()) {
            return Uni.createFrom().nullItem();
        }
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select technician_id from route_day where day = :d and territory_id in (:mine)""",
                        String.class)
                .setParameter("d", day).setParameter("mine", access.territoryFilter()).getResultList()));
    }
}
