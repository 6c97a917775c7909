package io.fieldcast.mobile.auth;

import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
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
@RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR, Roles.ADMIN})
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
        return visible(technicianId).chain(() -> sessions.sessionsOf(technicianId)).map(list -> list.stream()
                .map(s -> new SessionView(s.id, s.deviceId, s.createdAt, s.lastUsedAt, s.expiresAt, s.revokedAt,
                        s.revokedBy)).toList());
    }

    @POST
    @Path("/{deviceId}/revoke")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Operation(summary = "Revoke every session of a device: refresh fails and access tokens are refused")
    public Uni<Revoked> revoke(@PathParam("technicianId") @Pattern(regexp = ID) String technicianId,
                               @PathParam("deviceId") @Pattern(regexp = ID) String deviceId) {
        return visible(technicianId)
                .chain(() -> sessions.revokeDevice(technicianId, deviceId, "dispatcher " + jwt.getName()))
                .map(count -> new Revoked(technicianId, deviceId, count));
    }

    /**
     * A dispatcher manages the phones of their territories' technicians only (the territory of the technician's
     * latest route); to others the technician does not exist.
     */
    private Uni<Void> visible(String technicianId) {
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
