package io.fieldcast.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An admin created, changed, disabled or re-enabled a console user or integration client, or reset their password
 * ({@code changedBy} is the admin's user name). Every service ends the principal's sessions issued before
 * {@code sessionsValidAfter}: a disabled user is locked out everywhere at once, and a user whose roles or territories
 * changed signs in again to get a token that says so. {@code territories} null means every territory.
 */
public record UserAccessChanged(UUID eventId, Instant occurredAt, int schemaVersion,
                                String username, boolean active, List<String> roles, List<String> territories,
                                Instant sessionsValidAfter, String changedBy)
        implements FieldcastEvent {

    public static final int SCHEMA_VERSION = 1;

    public UserAccessChanged {
        roles = roles == null ? List.of() : List.copyOf(roles);
        territories = territories == null ? null : List.copyOf(territories);
    }

    @Override
    public String topic() {
        return Topics.USERS;
    }

    @Override
    public String key() {
        return username;
    }
}
