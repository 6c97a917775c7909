package io.fieldcast.eta.rest;

import io.fieldcast.eta.history.PingHistory;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A technician's stored GPS trace, for dispatchers and for checking what the models learn from. */
@Path("/api/technicians/{technicianId}/pings")
@Tag(name = "gps history")
public class PingResource {

    private static final Duration MAX_SPAN = Duration.ofDays(7);

    @Inject
    PingHistory history;
    @Inject
    TechnicianScope scope;
    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "GPS pings of one technician between two instants, in device-time order")
    public Uni<List<PingHistory.StoredPing>> trace(
            @PathParam("technicianId") @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String technicianId,
            @QueryParam("from") @NotNull Instant from,
            @QueryParam("to") @NotNull Instant to,
            @QueryParam("limit") @DefaultValue("5000") @Min(1) @Max(50_000) int limit) {
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw ApiException.badRequest("to", "span from..to may be at most 7 days");
        }
        return scope.requireVisible(Access.of(jwt), technicianId)
                .chain(() -> history.trace(technicianId, from, to, limit));
    }
}
