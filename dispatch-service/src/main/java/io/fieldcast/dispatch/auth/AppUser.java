package io.fieldcast.dispatch.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A person who signs in to the console (dispatcher, supervisor, admin) or an integration client (another system). */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    public static final String PERSON = "person";
    public static final String INTEGRATION = "integration";

    @Id
    public String username;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "password_hash")
    public String passwordHash;

    /** Comma-separated role names (for an integration: its scopes). */
    public String roles;

    /** {@link #PERSON} or {@link #INTEGRATION}. */
    public String kind = PERSON;

    /** Comma-separated territory ids; null means every territory. */
    public String territories;

    public boolean active = true;

    /** Created from the start-up configuration (demo, bench, first start), not by an admin. */
    public boolean seeded;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "password_changed_at")
    public Instant passwordChangedAt;

    /** Wall-clock time before which this user's tokens are refused everywhere. */
    @Column(name = "sessions_valid_after")
    public Instant sessionsValidAfter;

    @Version
    public long version;

    public Set<String> roleSet() {
        return split(roles);
    }

    /** The territories this user sees; null means every territory. */
    public Set<String> territorySet() {
        return territories == null ? null : split(territories);
    }

    public void territories(Collection<String> ids) {
        territories = ids == null ? null : String.join(",", new TreeSet<>(ids));
    }

    public void roles(Collection<String> names) {
        roles = String.join(",", new TreeSet<>(names));
    }

    public boolean integration() {
        return INTEGRATION.equals(kind);
    }

    private static Set<String> split(String csv) {
        return csv == null ? Set.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
