package io.fieldcast.dispatch.auth;

import io.fieldcast.dispatch.auth.Users.UserView;
import io.fieldcast.dispatch.auth.Users.WithSecret;
import io.fieldcast.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;

/**
 * Admins manage who may sign in: people (admin, dispatcher, supervisor) and integration clients, their roles and
 * territories. Passwords and client secrets are shown once, when made; every change is audited.
 */
@Path("/api/admin/users")
@Tag(name = "users")
@RolesAllowed(Roles.ADMIN)
@Blocking // bcrypt and blocking transactions: never on an event loop
public class UserResource {

    static final String NAME = "^[a-z0-9][a-z0-9._-]{1,39}$";

    @Inject
    Users users;
    @Inject
    JsonWebToken jwt;

    public record CreateBody(@NotNull @Pattern(regexp = NAME, message = "2-40 characters: a-z, 0-9, '.', '_', '-'")
                             String username,
                             @Size(max = 100) String displayName,
                             @Pattern(regexp = "person|integration") String kind,
                             @NotNull @Size(min = 1, max = 3) Set<@NotNull @Size(max = 20) String> roles,
                             @Size(max = 200) List<@NotNull @Size(min = 1, max = 40) String> territories,
                             @Size(max = 200) String password) {
    }

    public record ChangeBody(@Size(max = 100) String displayName,
                             @Size(min = 1, max = 3) Set<@NotNull @Size(max = 20) String> roles,
                             @Size(min = 1, max = 200) List<@NotNull @Size(min = 1, max = 40) String> territories,
                             Boolean active) {
    }

    @GET
    @Operation(summary = "Every console user and integration client (no secrets)")
    public List<UserView> list() {
        return users.list();
    }

    @GET
    @Path("/{username}")
    @Operation(summary = "One user")
    public UserView get(@PathParam("username") @Pattern(regexp = NAME) String username) {
        return users.get(username);
    }

    @POST
    @Operation(summary = "Create a person (roles admin, dispatcher, supervisor) or an integration client (scopes "
            + "dispatcher, supervisor); territories [\"*\"] for every one. The password (generated when not given) "
            + "or client secret is in this answer only")
    public Response create(@Valid @NotNull CreateBody body) {
        WithSecret created = users.create(new Users.NewUser(body.username(), body.displayName(), body.kind(),
                body.roles(), body.territories(), body.password()), jwt.getName());
        return Response.status(201).entity(created).header("Location", "/api/admin/users/" + body.username())
                .build();
    }

    @PATCH
    @Path("/{username}")
    @Operation(summary = "Change name, roles, territories or disable/enable; a change of access ends the user's "
            + "sessions in every service. Send If-Match with the version read to refuse a lost update (409)")
    public UserView change(@PathParam("username") @Pattern(regexp = NAME) String username,
                           @HeaderParam("If-Match") @Parameter(description = "the version last read")
                           @Pattern(regexp = "\"?[0-9]{1,18}\"?") String ifMatch,
                           @Valid @NotNull ChangeBody body) {
        long version = ifMatch == null ? -1 : Long.parseLong(ifMatch.replace("\"", ""));
        return users.change(username, new Users.Change(body.displayName(), body.roles(), body.territories(),
                body.active()), version, jwt.getName());
    }

    @POST
    @Path("/{username}/password-reset")
    @Operation(summary = "A new generated password (client secret for an integration), shown in this answer only; "
            + "the user's sessions end")
    public WithSecret resetPassword(@PathParam("username") @Pattern(regexp = NAME) String username) {
        return users.resetPassword(username, jwt.getName());
    }
}
