package io.fieldcast.platform.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    /** A token for a person (dispatcher, admin). */
    public IssuedToken forUser(String userId, Set<String> roles) {
        return sign(userId, roles, null, settings.userTokenLifetime());
    }

    /** A token bound to one technician: every technician endpoint reads the id from it, never from the request. */
    public IssuedToken forTechnician(String technicianId, String deviceId) {
        return sign("device:" + deviceId, Set.of(Roles.TECHNICIAN), technicianId, settings.deviceTokenLifetime());
    }

    private IssuedToken sign(String subject, Set<String> roles, String technicianId, Duration lifetime) {
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
        return new IssuedToken(builder.sign(), expires);
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }
}
