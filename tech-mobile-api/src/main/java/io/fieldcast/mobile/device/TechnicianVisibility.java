package io.fieldcast.mobile.device;

import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether a person may act on a technician's phone, feed or sessions: an admin on every technician, a dispatcher on
 * the technicians of their territories (the territory of the technician's latest route); anyone else's is a 404, as
 * if it did not exist.
 */
@ApplicationScoped
public class TechnicianVisibility {

    public Uni<Void> require(JsonWebToken jwt, String technicianId) {
        Access access = Access.of(jwt);
        if (access.everyTerritory()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select cast(payload as jsonb) ->> 'territoryId' from route_plan where technician_id = :t
                        order by route_date desc limit 1""", String.class)
                .setParameter("t", technicianId).getResultList()))
                .invoke(found -> {
                    if (found.isEmpty() || !access.sees(found.getFirst())) {
                        throw ApiException.notFound("technician " + technicianId);
                    }
                }).replaceWithVoid();
    }
}
