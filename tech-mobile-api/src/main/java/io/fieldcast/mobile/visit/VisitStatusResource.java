package io.fieldcast.mobile.visit;

import io.fieldcast.events.VisitStatus;
import io.fieldcast.mobile.device.DeviceGuard;
import io.fieldcast.mobile.device.DeviceIdentity;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.UUID;

/** Status taps from the phone: EN_ROUTE → ARRIVED → COMPLETED, or CANNOT_COMPLETE with a reason. */
@Path("/api/me/visits/{appointmentId}/status")
@Tag(name = "visits")
public class VisitStatusResource {

    private final VisitStatusService visits;
    private final DeviceGuard guard;
    private final JsonWebToken jwt;
    private final TapChecks checks;

    public VisitStatusResource(VisitStatusService visits, DeviceGuard guard, JsonWebToken jwt, TapChecks checks) {
        this.visits = visits;
        this.guard = guard;
        this.jwt = jwt;
        this.checks = checks;
    }

    @POST
    @RolesAllowed(Roles.TECHNICIAN)
    @Operation(summary = "Change a visit's status; idempotent by clientId; 409 lists the allowed next states")
    public Uni<StatusAnswer> change(@PathParam("appointmentId") String appointmentId,
                                    @Valid @NotNull StatusRequest request) {
        DeviceIdentity me = guard.require(jwt);
        UUID appointment = TapChecks.appointmentId(appointmentId);
        checkReason(request);
        checks.deviceTime(request.deviceTime());
        return visits.change(me.technicianId(), appointment, request);
    }

    private static void checkReason(StatusRequest request) {
        boolean cannotComplete = request.status() == VisitStatus.CANNOT_COMPLETE;
        if (cannotComplete && request.reasonCode() == null) {
            throw ApiException.badRequest("reasonCode", "required for CANNOT_COMPLETE, one of "
                    + Arrays.toString(CannotCompleteReason.values()));
        }
        if (!cannotComplete && request.reasonCode() != null) {
            throw ApiException.badRequest("reasonCode", "only allowed with CANNOT_COMPLETE");
        }
        if (cannotComplete && Arrays.stream(CannotCompleteReason.values())
                .noneMatch(r -> r.name().equals(request.reasonCode()))) {
            throw ApiException.badRequest("reasonCode", "must be one of "
                    + Arrays.toString(CannotCompleteReason.values()));
        }
    }
}
