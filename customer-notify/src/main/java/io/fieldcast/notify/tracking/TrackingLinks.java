package io.fieldcast.notify.tracking;

import io.fieldcast.notify.config.NotifySettings;
import io.fieldcast.platform.security.LinkTokens;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and checks tracking links. The HMAC key is derived from {@code fieldcast.notify.tracking.secret}
 * ({@code FIELDCAST_NOTIFY_TRACKING_SECRET}; {@code ./fieldcast up} generates one), the same on every replica. Not
 * from the platform's private key: this service issues no JWTs and is never given that key. Checked at start-up, so a
 * missing secret stops the service at once instead of at its first text.
 */
@Startup
@ApplicationScoped
public class TrackingLinks {

    private final NotifySettings config;
    private final Clock clock;
    private final LinkTokens tokens;

    public TrackingLinks(NotifySettings config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.tokens = new LinkTokens(key(config.tracking().secret()));
    }

    /** A link valid until {@code valid-after-window} after the promised window's end. */
    public String linkFor(UUID appointmentId, Instant windowEnd) {
        Instant expires = windowEnd.plus(config.tracking().validAfterWindow());
        return config.publicBaseUrl() + "/t/" + tokens.issue(appointmentId, expires);
    }

    public String tokenFor(UUID appointmentId, Instant expires) {
        return tokens.issue(appointmentId, expires);
    }

    public Optional<UUID> verify(String token) {
        return tokens.verify(token, clock.instant());
    }

    static byte[] key(Optional<String> secret) {
        return LinkTokens.derive("fieldcast-tracking-link-v1", secret,
                "FIELDCAST_NOTIFY_TRACKING_SECRET (fieldcast.notify.tracking.secret)");
    }
}
