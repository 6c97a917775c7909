package io.fieldcast.platform.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Signs platform JWTs with the platform private key ({@code smallrye.jwt.sign.key.location}). */
@ApplicationScoped
public class TokenIssuer {

    private final SecuritySettings settings;
    /**
     * Wall-clock time on purpose, not the injectable domain clock: token expiry is checked by the JWT layer
     * against real time, also while a simulated day runs at 60x.
     */
    private final Clock clock = Clock.systemUTC();

    public TokenIssuer(SecuritySettings settings) {
        this.settings = settings;
    }

    /**
     * The time tokens are issued and checked in (wall-clock): a change that ends a user's sessions marks them with
     * it, so tokens issued before it are refused ({@link UserSessions}).
     */
    public Instant now() {
        return clock.instant();
    }

    /** A token for a person or integration that sees every territory (admins; tests). */
    public IssuedToken forUser(String userId, Set<String> roles) {
        return forUser(userId, roles, null);
    }

    /**
     * A token for a person (dispatcher, supervisor, admin) or an integration client, limited to these territories;
     * null means every territory.
     */
    public IssuedToken forUser(String userId, Set<String> roles, Collection<String> territories) {
        List<String> claim = territories == null ? List.of(Roles.ALL_TERRITORIES) : List.copyOf(territories);
        return sign(userId, roles, null, claim, settings.userTokenLifetime());
    }

    /** A token bound to one technician: every technician endpoint reads the id from it, never from the request. */
    public IssuedToken forTechnician(String technicianId, String deviceId) {
        return sign("device:" + deviceId, Set.of(Roles.TECHNICIAN), technicianId, null,
                settings.deviceTokenLifetime());
    }

    private IssuedToken sign(String subject, Set<String> roles, String technicianId, List<String> territories,
                             Duration lifetime) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        var builder = Jwt.issuer(settings.issuer())
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .issuedAt(now)
                .expiresAt(expires)
                .claim("jti", UUID.randomUUID().toString());
        if (technicianId != null) {
            builder.claim(Roles.TECHNICIAN_CLAIM, technicianId);
        }
        if (territories != null) {
            builder.claim(Roles.TERRITORIES_CLAIM, territories);
        }
        return new IssuedToken(builder.sign(), expires);
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }
}
