package io.fieldcast.dispatch.auth;

import io.fieldcast.dispatch.config.AuthSettings;
import io.fieldcast.platform.cluster.ClusterLocks;
import io.fieldcast.platform.reactive.Reactive;
import io.fieldcast.platform.security.Passwords;
import io.fieldcast.platform.security.Roles;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Creates the configured users that do not exist yet; never overwrites a password changed since. */
@ApplicationScoped
public class UserSeeder {

    private static final Logger LOG = Logger.getLogger(UserSeeder.class);
    private static final Set<String> KNOWN_ROLES = Set.of(Roles.DISPATCHER, Roles.ADMIN);

    void seed(@Observes StartupEvent startup, AuthSettings settings, Clock clock) {
        List<String> entries = settings.seedUsers().orElse(List.of());
        for (String entry : entries) {
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
        String[] parts = entry.split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("fieldcast.auth.seed-users entry must be username:password:roles, got '"
                    + entry.replaceAll(":[^:]*:", ":***:") + "'");
        }
        Set<String> roles = Set.of(parts[2].split("\\+"));
        if (!KNOWN_ROLES.containsAll(roles)) {
            throw new IllegalArgumentException("unknown role in " + roles + " for " + parts[0]
                    + "; console users may be " + KNOWN_ROLES);
        }
        AppUser user = new AppUser();
        user.username = parts[0];
        user.displayName = parts[0];
        user.passwordHash = Passwords.hash(parts[1]);
        user.roles = String.join(",", roles);
        user.createdAt = clock.instant();
        return user;
    }
}
