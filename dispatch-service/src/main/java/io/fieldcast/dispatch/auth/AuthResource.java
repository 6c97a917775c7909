package io.fieldcast.dispatch.auth;

import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Access;
import io.fieldcast.platform.security.LoginThrottle;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.Roles;
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

    public record WhoAmI(String username, Set<String> roles, Set<String> territories, boolean allTerritories,
                         boolean canChange) {
    }

    public record ClientCredentials(@NotBlank @Size(max = 100) String clientId,
                                    @NotNull @Size(max = 200) String clientSecret) {
    }

    public record PasswordChange(@NotNull @Size(max = 200) String currentPassword,
                                 @NotNull @Size(max = 200) String newPassword) {
    }

    @Inject
    Users users;

    @POST
    @Path("/login")
    @PermitAll
    @Blocking // bcrypt is deliberately slow: never on an event loop
    @Operation(summary = "Exchange a dispatcher's or admin's password for a token (failed attempts lock out for a while)")
    public LoginAnswer login(@Valid @NotNull Credentials credentials, @Context HttpServerRequest request) {
        String username = credentials.username();
        String address = LoginThrottle.address(request);
        throttle.check(username, address); // 429 before any password is checked
        AppUser user = verified(username, credentials.password(), address, AppUser.PERSON, "unknown username or "
                + "wrong password");
        return answer(user, new TreeSet<>(user.roleSet()));
    }

    @POST
    @Path("/token")
    @PermitAll
    @Blocking
    @Operation(summary = "An integration client's id and secret for a token carrying its scopes and territories "
            + "(client credentials; failed attempts lock out like logins)")
    public LoginAnswer token(@Valid @NotNull ClientCredentials credentials, @Context HttpServerRequest request) {
        String address = LoginThrottle.address(request);
        throttle.check(credentials.clientId(), address);
        AppUser client = verified(credentials.clientId(), credentials.clientSecret(), address, AppUser.INTEGRATION,
                "unknown client or wrong secret");
        Set<String> groups = new TreeSet<>(client.roleSet());
        groups.add(Roles.INTEGRATION);
        return answer(client, groups);
    }

    /** A token for the user with these groups and the user's territories. */
    private LoginAnswer answer(AppUser user, Set<String> groups) {
        var issued = tokens.forUser(user.username, groups, user.territorySet());
        return new LoginAnswer(issued.token(), issued.expiresAt(), user.username, groups);
    }

    @POST
    @Path("/password")
    @Authenticated
    @Blocking
    @Operation(summary = "Change your own password (at least 12 characters); your other sessions end, and the "
            + "answer carries a fresh token")
    public LoginAnswer changePassword(@Valid @NotNull PasswordChange change, @Context HttpServerRequest request) {
        String username = jwt.getName();
        String address = LoginThrottle.address(request);
        throttle.check(username, address);
        verified(username, change.currentPassword(), address, AppUser.PERSON, "wrong current password");
        AppUser user = users.changeOwnPassword(username, change.newPassword());
        return answer(user, new TreeSet<>(user.roleSet()));
    }

    /**
     * The one check of a secret: as slow for an unknown user as for a known one and the same answer, so nothing tells
     * which names exist; each attempt audited and counted by the throttle.
     */
    private AppUser verified(String username, String secret, String address, String kind, String refusal) {
        AppUser user = Reactive.inSession(() -> AppUser.<AppUser>findById(username));
        boolean matches = Passwords.matchesInConstantTime(secret, user == null ? null : user.passwordHash);
        boolean ok = matches && user.active && kind.equals(user.kind);
        Reactive.inTransaction(() -> audit.record("user", username, ok ? "LOGIN" : "LOGIN_FAILED", username,
                "from " + address, null, null));
        if (!ok) {
            throttle.failed(username, address);
            throw new ApiException(401, "unauthorized", refusal);
        }
        throttle.succeeded(username);
        return user;
    }

    @POST
    @Path("/sign-out")
    @Authenticated
    @Blocking
    @Operation(summary = "Sign out everywhere: every service refuses this user's tokens issued until now")
    public jakarta.ws.rs.core.Response signOut() {
        users.signOutEverywhere(jwt.getName());
        return jakarta.ws.rs.core.Response.noContent().build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who the presented token belongs to")
    public WhoAmI me() {
        Access access = Access.of(jwt);
        return new WhoAmI(jwt.getName(), new TreeSet<>(jwt.getGroups()),
                access.everyTerritory() ? Set.of() : new TreeSet<>(access.territories()), access.everyTerritory(),
                access.canChange());
    }
}
