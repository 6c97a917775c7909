package io.fieldcast.eta.rest;

import io.fieldcast.eta.history.DayBook;
import io.fieldcast.eta.trips.MinedVisit;
import io.fieldcast.eta.trips.TripService;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

/** What trip mining makes of a technician's day: the facts the models learn from, for checking them. */
@Path("/api/technicians/{technicianId}/trips")
@Tag(name = "gps history")
public class TripResource {

    private final TripService trips;
    private final TechnicianScope scope;
    private final JsonWebToken jwt;

    public TripResource(TripService trips, TechnicianScope scope, JsonWebToken jwt) {
        this.trips = trips;
        this.scope = scope;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Per visit of that day: departure, arrival (and its source), travel vs road time, service, "
            + "stops, detour")
    public Uni<List<MinedVisit>> day(
            @PathParam("technicianId") @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String technicianId,
            @QueryParam("date") @NotNull LocalDate date) {
        return scope.requireVisible(Access.of(jwt), technicianId)
                .chain(() -> trips.mine(new DayBook.TechDay(technicianId, date)));
    }
}
