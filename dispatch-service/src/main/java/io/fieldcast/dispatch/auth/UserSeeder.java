package io.fieldcast.dispatch.auth;

import io.fieldcast.dispatch.config.AuthSettings;
import io.fieldcast.platform.cluster.ClusterLocks;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.Roles;
import io.fieldcast.platform.security.SecuritySettings;
import io.fieldcast.platform.security.SeedSecrets;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Creates the configured users ({@code fieldcast.auth.seed-users}: demo, bench, a first admin) that do not exist yet,
 * marked as seeded; never overwrites a password changed since.
 */
@ApplicationScoped
public class UserSeeder {

    private static final Logger LOG = Logger.getLogger(UserSeeder.class);

    void seed(@Observes StartupEvent startup, AuthSettings settings, SecuritySettings security, Clock clock,
              @ConfigProperty(name = "quarkus.http.host") String httpHost) {
        List<String> entries = settings.seedUsers().orElse(List.of());
        SeedSecrets.checkDemoHost(security.demoCredentials(), httpHost);
        for (String entry : entries) {
            String[] parts = entry.trim().split(":", 4);
            if (parts.length >= 2) {
                SeedSecrets.check("FIELDCAST_SEED_USERS", parts[0], parts[1], security.demoCredentials());
            }
            AppUser user = parse(entry.trim(), clock);
            // Every instance seeds at start-up: one at a time, the later ones find the rows.
            Boolean created = Reactive.inTransaction(() -> ClusterLocks.holdForTransaction("seed-users").chain(() ->
                    AppUser.<AppUser>findById(user.username)).chain(existing -> existing != null
                            ? Uni.createFrom().item(false)
                            : user.persist().replaceWith(true)));
            if (created) {
                LOG.infof("seeded user %s with roles %s", user.username, user.roles);
            }
        }
    }

    static AppUser parse(String entry, Clock clock) {
        String[] parts = entry.split(":", 4);
        if (parts.length < 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("fieldcast.auth.seed-users entry must be username:password:roles"
                    + "[:territories], got '" + entry.replaceAll(":[^:]*:", ":***:") + "'");
        }
        Set<String> roles = Set.of(parts[2].split("\\+"));
        if (!Users.PERSON_ROLES.containsAll(roles)) {
            throw new IllegalArgumentException("unknown role in " + roles + " for " + parts[0]
                    + "; console users may be " + Users.PERSON_ROLES);
        }
        AppUser user = new AppUser();
        user.username = parts[0];
        user.displayName = parts[0];
        user.passwordHash = Passwords.hash(parts[1]);
        user.roles(roles);
        // Territories separated by '+'; none given means every territory.
        user.territories(parts.length == 4 && !parts[3].isBlank() && !roles.contains(Roles.ADMIN)
                ? List.of(parts[3].split("\\+")) : null);
        user.seeded = true;
        user.createdAt = clock.instant();
        user.passwordChangedAt = user.createdAt;
        return user;
    }
}
