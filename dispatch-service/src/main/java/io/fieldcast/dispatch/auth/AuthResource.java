package io.fieldcast.dispatch.auth;

import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.TokenIssuer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
    @Operation(summary = "Exchange a dispatcher's or admin's password for a token")
    public Uni<LoginAnswer> login(@Valid @NotNull Credentials credentials) {
        return Panache.withSession(() -> AppUser.<AppUser>findById(credentials.username()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(user -> {
                    // Same answer for unknown user and wrong password: do not reveal which usernames exist.
                    if (user == null || !user.active || !Passwords.matches(credentials.password(), user.passwordHash)) {
                        throw new ApiException(401, "unauthorized", "unknown username or wrong password");
                    }
                    var issued = tokens.forUser(user.username, user.roleSet());
                    return new LoginAnswer(issued.token(), issued.expiresAt(), user.username,
                            new TreeSet<>(user.roleSet()));
                });
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who the presented token belongs to")
    public WhoAmI me() {
        return new WhoAmI(jwt.getName(), new TreeSet<>(jwt.getGroups()));
    }
}
