package io.fieldcast.mobile.auth;

import io.fieldcast.mobile.device.TechnicianVisibility;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.Blocking;
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

import java.security.SecureRandom;
import java.time.Clock;
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
    private final AuditLog audit;
    private final Clock clock;

    private final TechnicianVisibility visibility;

    public DeviceAdminResource(DeviceSessions sessions, JsonWebToken jwt, AuditLog audit, Clock clock,
                               TechnicianVisibility visibility) {
        this.visibility = visibility;
        this.sessions = sessions;
        this.jwt = jwt;
        this.audit = audit;
        this.clock = clock;
    }

    public record SessionView(UUID sessionId, String deviceId, Instant createdAt, Instant lastUsedAt,
                              Instant expiresAt, Instant revokedAt, String revokedBy) {
    }

    public record Revoked(String technicianId, String deviceId, int sessionsRevoked) {
    }

    /** A new enrolment code: the technician's device secret from now on, shown in this answer only. */
    public record Enrolment(String technicianId, String code, int sessionsRevoked) {
    }

    /** Letters and digits that cannot be mistaken for one another when read aloud or typed on a phone. */
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

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

    @POST
    @Path("/enrolment")
    @RolesAllowed({Roles.DISPATCHER, Roles.ADMIN})
    @Blocking // bcrypt
    @Operation(summary = "Issue a new enrolment code (4 x 5 characters, ~98 bits) for the technician's phone: it "
            + "replaces the device secret, every session of their phones ends, and the code is shown in this answer "
            + "only")
    public Enrolment enrol(@PathParam("technicianId") @Pattern(regexp = ID) String technicianId) {
        String code = newCode();
        String hash = Passwords.hash(code);
        Instant now = clock.instant();
        String by = "dispatcher " + jwt.getName();
        return Reactive.inTransaction(() -> visible(technicianId)
                .chain(() -> DeviceCredential.<DeviceCredential>findById(technicianId))
                .chain(found -> {
                    DeviceCredential credential = found != null ? found : new DeviceCredential();
                    credential.technicianId = technicianId;
                    credential.secretHash = hash;
                    if (found == null) {
                        credential.createdAt = now;
                    }
                    return credential.persist();
                })
                .chain(() -> sessions.revokeAll(technicianId, "new enrolment by " + by))
                .call(count -> audit.record("technician", technicianId, "DEVICE_ENROLMENT_ISSUED", by,
                        count + " device session(s) ended", null, null))
                .map(count -> new Enrolment(technicianId, code, count)));
    }

    static String newCode() {
        StringBuilder code = new StringBuilder(23);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /**
     * A dispatcher manages the phones of their territories' technicians only (the territory of the technician's
     * latest route); to others the technician does not exist.
     */
    private Uni<Void> visible(String technicianId) {
        return visibility.require(jwt, technicianId);
    }
}
