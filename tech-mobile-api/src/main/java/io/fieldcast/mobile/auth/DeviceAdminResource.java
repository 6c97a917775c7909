package io.fieldcast.mobile.auth;

import io.fieldcast.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A dispatcher's view of technicians' phones: list them, take a lost or stolen one's access away. */
@Path("/api/technicians/{technicianId}/devices")
@Tag(name = "devices")
@RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
public class DeviceAdminResource {

    private static final String ID = "[A-Za-z0-9._:-]{1,128}";

    private final DeviceSessions sessions;
    private final JsonWebToken jwt;

    public DeviceAdminResource(DeviceSessions sessions, JsonWebToken jwt) {
        this.sessions = sessions;
        this.jwt = jwt;
    }

    public record SessionView(UUID sessionId, String deviceId, Instant createdAt, Instant lastUsedAt,
                              Instant expiresAt, Instant revokedAt, String revokedBy) {
    }

    public record Revoked(String technicianId, String deviceId, int sessionsRevoked) {
    }

    @GET
    @Operation(summary = "A technician's device sessions, newest first")
    public Uni<List<SessionView>> list(@PathParam("technicianId") @Pattern(regexp = ID) String technicianId) {
        return sessions.sessionsOf(technicianId).map(list -> list.stream()
                .map(s -> new SessionView(s.id, s.deviceId, s.createdAt, s.lastUsedAt, s.expiresAt, s.revokedAt,
                        s.revokedBy)).toList());
    }

    @POST
    @Path("/{deviceId}/revoke")
    @Operation(summary = "Revoke every session of a device: refresh fails and access tokens are refused")
    public Uni<Revoked> revoke(@PathParam("technicianId") @Pattern(regexp = ID) String technicianId,
                               @PathParam("deviceId") @Pattern(regexp = ID) String deviceId) {
        return sessions.revokeDevice(technicianId, deviceId, "dispatcher " + jwt.getName())
                .map(count -> new Revoked(technicianId, deviceId, count));
    }
}
