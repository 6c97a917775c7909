package io.fieldcast.mobile.auth;

import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/** Device login: the token it returns is bound to one technician, and every /api/me call reads the id from it. */
@Path("/api")
@Tag(name = "device auth")
public class DeviceAuthResource {

    @Inject
    TokenIssuer tokens;
    @Inject
    JsonWebToken jwt;

    public record DeviceLogin(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String technicianId,
                              @NotBlank @Size(max = 128) String secret,
                              @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}") String deviceId) {
    }

    public record DeviceToken(String token, Instant expiresAt, String technicianId) {
    }

    public record Me(String technicianId, String device) {
    }

    @POST
    @Path("/auth/device")
    @PermitAll
    @Operation(summary = "Log a technician's phone in; the token is bound to that technician")
    public Uni<DeviceToken> login(@Valid @NotNull DeviceLogin login) {
        return Panache.withSession(() -> DeviceCredential.<DeviceCredential>findById(login.technicianId()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(credential -> {
                    if (credential == null || !credential.active
                            || !Passwords.matches(login.secret(), credential.secretHash)) {
                        throw new ApiException(401, "unauthorized", "unknown technician or wrong secret");
                    }
                    var issued = tokens.forTechnician(credential.technicianId, login.deviceId());
                    return new DeviceToken(issued.token(), issued.expiresAt(), credential.technicianId);
                });
    }

    @GET
    @Path("/me")
    @RolesAllowed(Roles.TECHNICIAN)
    @Operation(summary = "The technician this device is logged in as")
    public Me me() {
        String technicianId = jwt.getClaim(Roles.TECHNICIAN_CLAIM);
        if (technicianId == null) {
            throw ApiException.forbidden("token is not bound to a technician");
        }
        return new Me(technicianId, jwt.getSubject());
    }
}
