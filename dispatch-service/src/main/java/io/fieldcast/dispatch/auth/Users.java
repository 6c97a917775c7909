package io.fieldcast.dispatch.auth;

import io.fieldcast.dispatch.domain.Territory;
import io.fieldcast.events.Events;
import io.fieldcast.events.UserAccessChanged;
import io.fieldcast.platform.audit.AuditLog;
import io.fieldcast.platform.outbox.Outbox;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.rest.ApiException;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.TokenIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Console users and integration clients as data: created, changed, disabled and given new passwords by admins, each
 * change audited with before and after. A change that narrows what a user may do (disabled, roles or territories
 * changed, password reset) ends their sessions in every service at once ({@link UserAccessChanged}, in the same
 * transaction). Methods block (bcrypt): call them from a worker thread.
 */
@ApplicationScoped
public class Users {

    /** Roles a person may hold. */
    public static final Set<String> PERSON_ROLES = Set.of(Roles.ADMIN, Roles.DISPATCHER, Roles.SUPERVISOR);
    /** Scopes an integration client may hold: it acts as a dispatcher or reads as a supervisor. */
    public static final Set<String> INTEGRATION_SCOPES = Set.of(Roles.DISPATCHER, Roles.SUPERVISOR);
    public static final int MIN_PASSWORD = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final TokenIssuer tokens;

    public Users(AuditLog audit, Outbox outbox, Clock clock, TokenIssuer tokens) {
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** What an admin sees of a user: never the password hash. */
    public record UserView(String username, String displayName, String kind, Set<String> roles,
                           Set<String> territories, boolean allTerritories, boolean active, boolean seeded,
                           Instant createdAt, Instant updatedAt, Instant passwordChangedAt, long version) {
        static UserView of(AppUser u) {
            Set<String> territories = u.territorySet();
            return new UserView(u.username, u.displayName, u.kind, u.roleSet(),
                    territories == null ? Set.of() : territories, territories == null, u.active, u.seeded,
                    u.createdAt, u.updatedAt, u.passwordChangedAt, u.version);
        }
    }

    /** A user with a secret shown this once (a new password, an integration's client secret). */
    public record WithSecret(UserView user, String secret) {
    }

    public record NewUser(String username, String displayName, String kind, Set<String> roles,
                          List<String> territories, String password) {
    }

    public record Change(String displayName, Set<String> roles, List<String> territories, Boolean active) {
    }

    public List<UserView> list() {
        return Reactive.inSession(() -> AppUser.<AppUser>list("order by username"))
                .stream().map(UserView::of).toList();
    }

    public UserView get(String username) {
        return UserView.of(find(username));
    }

    public WithSecret create(NewUser request, String actor) {
        String kind = request.kind() == null ? AppUser.PERSON : request.kind();
        if (!AppUser.PERSON.equals(kind) && !AppUser.INTEGRATION.equals(kind)) {
            throw ApiException.badRequest("kind", "must be person or integration");
        }
        checkRoles(kind, request.roles());
        boolean integration = AppUser.INTEGRATION.equals(kind);
        if (integration && request.password() != null) {
            throw ApiException.badRequest("password", "an integration's client secret is generated, not chosen");
        }
        String secret = request.password() == null ? generatedSecret() : request.password();
        checkPassword(request.username(), secret, "password");
        AppUser user = new AppUser();
        user.username = request.username();
        user.displayName = request.displayName() == null ? request.username() : request.displayName();
        user.kind = kind;
        user.roles(request.roles());
        user.passwordHash = Passwords.hash(secret);
        user.createdAt = clock.instant();
        user.updatedAt = user.createdAt;
        user.passwordChangedAt = user.createdAt;
        List<String> territories = territories(request.territories(), request.roles());
        return Reactive.inTransaction(() -> known(territories).chain(() -> AppUser.<AppUser>findById(user.username))
                .chain(existing -> {
                    if (existing != null) {
                        throw ApiException.conflict("user " + user.username + " exists", null);
                    }
                    user.territories(territories);
                    return user.persist();
                })
                .chain(() -> audit.record("user", user.username, "CREATED", actor, kind, null, UserView.of(user)))
                .map(ignored -> new WithSecret(UserView.of(user), secret)));
    }

    public UserView change(String username, Change change, long expectedVersion, String actor) {
        return Reactive.inTransaction(() -> AppUser.<AppUser>findById(username).chain(found -> {
            AppUser user = existing(found, username);
            if (expectedVersion >= 0 && expectedVersion != user.version) {
                throw ApiException.conflict("user " + username + " was changed by someone else (version "
                        + user.version + ", not " + expectedVersion + "); reload and try again", null);
            }
            UserView before = UserView.of(user);
            Set<String> roles = change.roles() == null ? user.roleSet() : change.roles();
            checkRoles(user.kind, roles);
            List<String> territories = change.territories() == null
                    ? (user.territorySet() == null ? null : List.copyOf(user.territorySet()))
                    : territories(change.territories(), roles);
            boolean active = change.active() == null ? user.active : change.active();
            if (username.equals(actor) && (!active || !roles.contains(Roles.ADMIN)) && before.roles()
                    .contains(Roles.ADMIN)) {
                throw ApiException.conflict("you cannot disable yourself or take away your own admin role", null);
            }
            return known(territories).chain(() -> keepsAnAdmin(user, roles, active)).chain(() -> {
                if (change.displayName() != null) {
                    user.displayName = change.displayName();
                }
                user.roles(roles);
                user.territories(territories);
                user.active = active;
                user.updatedAt = clock.instant();
                UserView after = UserView.of(user);
                boolean narrowed = before.active() != after.active() || !before.roles().equals(after.roles())
                        || before.allTerritories() != after.allTerritories()
                        || !before.territories().equals(after.territories());
                String action = before.active() && !active ? "DISABLED" : !before.active() && active ? "ENABLED"
                        : "UPDATED";
                return audit.record("user", username, action, actor, null, before, after)
                        .chain(() -> narrowed ? endSessions(user, actor) : Uni.createFrom().voidItem())
                        .map(ignored -> after);
            });
        }));
    }

    /** An admin gives a user a new password (or an integration a new client secret), shown once. */
    public WithSecret resetPassword(String username, String actor) {
        String secret = generatedSecret();
        AppUser user = newPassword(username, Passwords.hash(secret), "PASSWORD_RESET", actor);
        return new WithSecret(UserView.of(user), secret);
    }

    /** A person changes their own password; their other sessions end. Returns the user for a fresh token. */
    public AppUser changeOwnPassword(String username, String newPassword) {
        checkPassword(username, newPassword, "newPassword");
        return newPassword(username, Passwords.hash(newPassword), "PASSWORD_CHANGED", username);
    }

    /** Stores a new password hash, audits it and ends the user's sessions, in one transaction. */
    private AppUser newPassword(String username, String hash, String action, String actor) {
        return Reactive.inTransaction(() -> AppUser.<AppUser>findById(username).chain(found -> {
            AppUser user = existing(found, username);
            user.passwordHash = hash;
            user.passwordChangedAt = clock.instant();
            user.updatedAt = user.passwordChangedAt;
            return audit.record("user", username, action, actor, null, null, null)
                    .chain(() -> endSessions(user, actor))
                    .replaceWith(user);
        }));
    }

    /** Ends every session of the user, in every service (a sign-out from any page of the one origin). */
    public void signOutEverywhere(String username) {
        Reactive.inTransaction(() -> AppUser.<AppUser>findById(username).chain(found -> {
            AppUser user = existing(found, username);
            user.updatedAt = clock.instant();
            return audit.record("user", username, "SIGNED_OUT", username, null, null, null)
                    .chain(() -> endSessions(user, username));
        }));
    }

    public AppUser find(String username) {
        return existing(Reactive.inSession(() -> AppUser.<AppUser>findById(username)), username);
    }

    private Uni<Void> endSessions(AppUser user, String actor) {
        // In the time tokens are issued in (wall-clock), not the domain clock a simulated day runs on.
        user.sessionsValidAfter = tokens.now();
        Set<String> territories = user.territorySet();
        return outbox.append(new UserAccessChanged(Events.newId(), clock.instant(), UserAccessChanged.SCHEMA_VERSION,
                user.username, user.active, new ArrayList<>(user.roleSet()),
                territories == null ? null : new ArrayList<>(territories), user.sessionsValidAfter, actor));
    }

    private static AppUser existing(AppUser found, String username) {
        if (found == null) {
            throw ApiException.notFound("user " + username);
        }
        return found;
    }

    /** No change may leave the platform without an active admin who can sign in. */
    private static Uni<Void> keepsAnAdmin(AppUser user, Set<String> roles, boolean active) {
        boolean wasAdmin = user.active && user.roleSet().contains(Roles.ADMIN) && !user.integration();
        if (!wasAdmin || active && roles.contains(Roles.ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        return AppUser.count("active = true and kind = 'person' and username <> ?1 and "
                        + "(roles = 'admin' or roles like 'admin,%' or roles like '%,admin' or roles like '%,admin,%')",
                user.username).invoke(others -> {
                    if (others == 0) {
                        throw ApiException.conflict(user.username + " is the last active admin", null);
                    }
                }).replaceWithVoid();
    }

    private static void checkRoles(String kind, Set<String> roles) {
        Set<String> allowed = AppUser.INTEGRATION.equals(kind) ? INTEGRATION_SCOPES : PERSON_ROLES;
        if (roles == null || roles.isEmpty()) {
            throw ApiException.badRequest("roles", "at least one of " + new TreeSet<>(allowed));
        }
        if (!allowed.containsAll(roles)) {
            throw ApiException.badRequest("roles", "unknown role in " + new TreeSet<>(roles) + "; a " + kind
                    + " may have " + new TreeSet<>(allowed));
        }
    }

    /** The territory list to store: null (every territory) for admins or {@code ["*"]}. */
    private static List<String> territories(List<String> requested, Set<String> roles) {
        if (roles.contains(Roles.ADMIN) || requested != null && requested.equals(List.of(Roles.ALL_TERRITORIES))) {
            return null;
        }
        if (requested == null || requested.isEmpty()) {
            throw ApiException.badRequest("territories", "name the territories this user works in, or [\"*\"] for"
                    + " every territory");
        }
        if (requested.contains(Roles.ALL_TERRITORIES)) {
            throw ApiException.badRequest("territories", "\"*\" stands alone: every territory");
        }
        return List.copyOf(new TreeSet<>(requested));
    }

    private static Uni<Void> known(Collection<String> territories) {
        if (territories == null) {
            return Uni.createFrom().voidItem();
        }
        return Territory.<Territory>list("id in ?1", territories).invoke(found -> {
            Set<String> missing = new TreeSet<>(territories);
            found.forEach(t -> missing.remove(t.id));
            if (!missing.isEmpty()) {
                throw ApiException.badRequest("territories", "unknown territory " + String.join(", ", missing));
            }
        }).replaceWithVoid();
    }

    private static void checkPassword(String username, String password, String field) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest(field, "at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > 200) {
            throw ApiException.badRequest(field, "at most 200 characters");
        }
        if (password.equalsIgnoreCase(username)) {
            throw ApiException.badRequest(field, "must not be the user name");
        }
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
