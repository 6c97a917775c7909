package io.fieldcast.dispatch.rest;

import io.fieldcast.dispatch.domain.Technician;
import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.dispatch.messaging.TechPositions;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where the territory's technicians are now, from their phones' latest pings. */
@Path("/api/positions")
@Tag(name = "console")
@RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
public class PositionResource {

    /** One technician's latest fix and how old it is in domain time. */
    public record PositionView(String technicianId, String name, double lat, double lon, Instant at,
                               long ageSeconds, double accuracyMeters, Double speedMps, Double headingDeg) {
    }

    @Inject
    TechPositions positions;
    @Inject
    Clock clock;

    @GET
    @Operation(summary = "Latest known position of each technician of the territory (those never seen are omitted)")
    public Uni<List<PositionView>> positions(@QueryParam("territory") @NotBlank @Size(max = 40) String territory) {
        return Panache.withSession(() -> Territory.<Territory>findById(territory)
                .onItem().ifNull().failWith(() -> ApiException.notFound("no territory '" + territory + "'"))
                .chain(t -> Technician.<Technician>list("territoryId = ?1 order by id", territory)))
                .map(this::views);
    }

    private List<PositionView> views(List<Technician> technicians) {
        Instant now = clock.instant();
        var latest = positions.of(technicians.stream().map(t -> t.id).toList());
        return technicians.stream().filter(t -> latest.containsKey(t.id)).map(t -> {
            var p = latest.get(t.id);
            return new PositionView(t.id, t.name, p.lat(), p.lon(), p.at(),
                    Math.max(0, Duration.between(p.at(), now).toSeconds()), p.accuracyMeters(), p.speedMps(),
                    p.headingDeg());
        }).toList();
    }
}
