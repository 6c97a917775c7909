package io.fieldcast.eta.rest;

import io.fieldcast.eta.forecast.ForecastService;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;

/** The latest arrival forecast of every remaining visit of a day, for the dispatcher console. */
@Path("/api/forecasts")
@Tag(name = "forecasts")
public class ForecastResource {

    private final ForecastService forecasts;
    private final TechnicianScope scope;
    private final JsonWebToken jwt;

    public ForecastResource(ForecastService forecasts, TechnicianScope scope, JsonWebToken jwt) {
        this.forecasts = forecasts;
        this.scope = scope;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Forecasts of one day: p50, best 60-minute window and its probability, last published")
    public Uni<List<ForecastService.StoredForecast>> forDay(@QueryParam("date") @NotNull LocalDate date) {
        // A dispatcher sees the forecasts of their territories' technicians only.
        return scope.visibleOn(Access.of(jwt), date).chain(mine -> forecasts.forDay(date).map(all -> mine == null
                ? all : all.stream().filter(f -> mine.contains(f.technicianId())).toList()));
    }
}
