package io.fieldcast.dispatch.auth;

import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.LoginThrottle;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Console login: username and password in, a signed platform token out. */
@Path("/api/auth")
@Tag(name = "auth")
public class AuthResource {

    @Inject
    TokenIssuer tokens;
    @Inject
    JsonWebToken jwt;
    @Inject
    LoginThrottle throttle;
    @Inject
    AuditLog audit;

    public record Credentials(@NotBlank @Size(max = 100) String username,
                              @NotNull @Size(max = 200) String password) {
    }

    public record LoginAnswer(String token, Instant expiresAt, String username, Set<String> roles) {
    }

    public record WhoAmI(String username, Set<String> roles) {
    }

    @POST
    @Path("/login")
    @PermitAll
    @Blocking // bcrypt is deliberately slow: never on an event loop
    @Operation(summary = "Exchange a dispatcher's or admin's password for a token (failed attempts lock out for a while)")
    public LoginAnswer login(@Valid @NotNull Credentials credentials, @Context HttpServerRequest request) {
        String username = credentials.username();
        String address = LoginThrottle.address(request);
        throttle.check(username, address); // 429 before any password is checked
        AppUser user = Reactive.inSession(() -> AppUser.<AppUser>findById(username));
        // As slow for an unknown user as for a known one, and the same answer: nothing tells which usernames exist.
        boolean matches = Passwords.matchesInConstantTime(credentials.password(),
                user == null ? null : user.passwordHash);
        boolean ok = matches && user.active;
        Reactive.inTransaction(() -> audit.record("user", username, ok ? "LOGIN" : "LOGIN_FAILED", username,
                "from " + address, null, null));
        if (!ok) {
            throttle.failed(username, address);
            throw new ApiException(401, "unauthorized", "unknown username or wrong password");
        }
        throttle.succeeded(username);
        var issued = tokens.forUser(user.username, user.roleSet());
        return new LoginAnswer(issued.token(), issued.expiresAt(), user.username, new TreeSet<>(user.roleSet()));
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who the presented token belongs to")
    public WhoAmI me() {
        return new WhoAmI(jwt.getName(), new TreeSet<>(jwt.getGroups()));
    }
}
