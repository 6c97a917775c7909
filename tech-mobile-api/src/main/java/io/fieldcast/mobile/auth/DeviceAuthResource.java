package io.fieldcast.mobile.auth;

import io.fieldcast.mobile.auth.DeviceSessions.DeviceTokens;
import io.fieldcast.mobile.device.DeviceGuard;
import io.fieldcast.mobile.device.DeviceIdentity;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.LoginThrottle;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;

/** Device login, refresh and logout: every token it returns is bound to one technician and one session. */
@Path("/api")
@Tag(name = "device auth")
public class DeviceAuthResource {

    private final DeviceSessions sessions;
    private final DeviceGuard guard;
    private final JsonWebToken jwt;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    public DeviceAuthResource(DeviceSessions sessions, DeviceGuard guard, JsonWebToken jwt, LoginThrottle throttle,
                              AuditLog audit) {
        this.audit = audit;
        this.sessions = sessions;
        this.guard = guard;
        this.jwt = jwt;
        this.throttle = throttle;
    }

    public record DeviceLogin(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String technicianId,
                              @NotBlank @Size(max = 128) String secret,
                              @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}") String deviceId) {
    }

    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record Me(String technicianId, String device) {
    }

    @POST
    @Path("/auth/device")
    @PermitAll
    @Blocking // bcrypt is deliberately slow: never on an event loop
    @Operation(summary = "Log a phone in with the technician's one-time code or PIN: access + refresh token")
    public DeviceTokens login(@Valid @NotNull DeviceLogin login, @Context HttpServerRequest request) {
        String address = LoginThrottle.address(request);
        throttle.check(login.technicianId(), address); // 429 before any secret is checked
        DeviceCredential credential = Reactive.inSession(() ->
                DeviceCredential.<DeviceCredential>findById(login.technicianId()));
        // As slow for an unknown technician as for a known one: timing does not tell which exist.
        boolean matches = Passwords.matchesInConstantTime(login.secret(),
                credential == null ? null : credential.secretHash);
        boolean ok = matches && credential.active;
        Reactive.inTransaction(() -> audit.record("technician", login.technicianId(),
                ok ? "DEVICE_LOGIN" : "DEVICE_LOGIN_FAILED", "device:" + login.deviceId(), "from " + address, null,
                null));
        if (!ok) {
            throttle.failed(login.technicianId(), address);
            throw new ApiException(401, "unauthorized", "unknown technician or wrong secret");
        }
        throttle.succeeded(login.technicianId());
        return Reactive.await(() -> sessions.open(credential.technicianId, login.deviceId()));
    }

    @POST
    @Path("/auth/refresh")
    @PermitAll
    @Operation(summary = "Swap a refresh token for a new access token and a new refresh token (rotation)")
    public Uni<DeviceTokens> refresh(@Valid @NotNull Refresh refresh) {
        return sessions.refresh(refresh.refreshToken());
    }

    @POST
    @Path("/auth/logout")
    @RolesAllowed(Roles.TECHNICIAN)
    @ResponseStatus(204)
    @Operation(summary = "Log this phone out: its refresh token and access tokens stop working")
    public Uni<Void> logout() {
        DeviceIdentity me = guard.require(jwt);
        if (me.sessionId() == null) {
            return Uni.createFrom().voidItem();
        }
        return sessions.logout(UUID.fromString(me.sessionId()));
    }

    @GET
    @Path("/me")
    @RolesAllowed(Roles.TECHNICIAN)
    @Operation(summary = "The technician this device is logged in as")
    public Me me() {
        DeviceIdentity me = guard.require(jwt);
        return new Me(me.technicianId(), "device:" + me.deviceId());
    }
}
