package io.fieldcast.platform.security;

import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.Topics;
import io.fieldcast.events.UserAccessChanged;
import io.fieldcast.platform.kafka.BroadcastHandler;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends console and integration sessions everywhere at once. Dispatch publishes {@link UserAccessChanged} when an
 * admin disables a user, changes their roles or territories or resets their password; every instance of every
 * service reads the topic (broadcast, replayed at start) and from then on refuses that user's tokens issued before
 * the change, and every token of a disabled user, with 401. Technician device tokens are not concerned (their
 * sessions end in tech-mobile-api).
 */
@Singleton
public class UserSessions extends BroadcastHandler implements SecurityIdentityAugmentor {

    private record State(boolean active, Instant validAfter) {
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    public UserSessions(@ConfigProperty(name = "quarkus.application.name", defaultValue = "fieldcast") String service) {
        super(service + ".users", Set.of(Topics.USERS));
    }

    @Override
    public Uni<Void> handle(FieldcastEvent event) {
        if (event instanceof UserAccessChanged changed && changed.username() != null) {
            Instant after = changed.sessionsValidAfter() == null ? changed.occurredAt()
                    : changed.sessionsValidAfter();
            // A token's iat has whole seconds: one issued in the same second as the change still counts.
            State fresh = new State(changed.active(), after.truncatedTo(ChronoUnit.SECONDS));
            states.merge(changed.username(), fresh,
                    (old, f) -> f.validAfter().isBefore(old.validAfter()) ? old : f);
        }
        return Uni.createFrom().voidItem();
    }

    /** Whether a token of this principal issued at {@code issuedAt} is still good. */
    public boolean valid(String principal, Instant issuedAt) {
        State state = principal == null ? null : states.get(principal);
        if (state == null) {
            return true;
        }
        return state.active() && (issuedAt == null || !issuedAt.isBefore(state.validAfter()));
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getClaim(Roles.TECHNICIAN_CLAIM) != null) {
            return Uni.createFrom().item(identity);
        }
        Instant issuedAt = jwt.getIssuedAtTime() > 0 ? Instant.ofEpochSecond(jwt.getIssuedAtTime()) : null;
        if (!valid(jwt.getName(), issuedAt)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "this session was ended by an admin; sign in again"));
        }
        return Uni.createFrom().item(identity);
    }
}
