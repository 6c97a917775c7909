package io.fieldcast.mobile.visit;

import io.fieldcast.mobile.device.DeviceGuard;
import io.fieldcast.mobile.device.DeviceIdentity;
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

import java.util.UUID;

/** The technician's "about N minutes left" of the job in hand, taken while the visit is on site (ARRIVED). */
@Path("/api/me/visits/{appointmentId}/time-left")
@Tag(name = "visits")
public class JobTimeLeftResource {

    private final JobTimeLeftService timeLeft;
    private final DeviceGuard guard;
    private final JsonWebToken jwt;
    private final TapChecks checks;

    public JobTimeLeftResource(JobTimeLeftService timeLeft, DeviceGuard guard, JsonWebToken jwt, TapChecks checks) {
        this.timeLeft = timeLeft;
        this.guard = guard;
        this.jwt = jwt;
        this.checks = checks;
    }

    @POST
    @RolesAllowed(Roles.TECHNICIAN)
    @Operation(summary = "Say about how many minutes the job in hand still takes (1..480), only while on site; "
            + "idempotent by clientId; publishes JobTimeLeft")
    public Uni<TimeLeftAnswer> tell(@PathParam("appointmentId") String appointmentId,
                                    @Valid @NotNull TimeLeftRequest request) {
        DeviceIdentity me = guard.require(jwt);
        UUID appointment = TapChecks.appointmentId(appointmentId);
        checks.deviceTime(request.deviceTime());
        return timeLeft.tell(me.technicianId(), appointment, request);
    }
}
