package io.fieldcast.notify.tracking;

import io.fieldcast.notify.config.NotifySettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and checks tracking links. The HMAC key is {@code fieldcast.notify.tracking.secret}, or else derived
 * from the platform signing key, so a default deployment needs no extra secret and every replica agrees.
 */
@ApplicationScoped
public class TrackingLinks {

    private final NotifySettings config;
    private final Clock clock;
    private final TrackingTokens tokens;

    public TrackingLinks(NotifySettings config, Clock clock,
                         @ConfigProperty(name = "smallrye.jwt.sign.key.location") String platformKey) {
        this.config = config;
        this.clock = clock;
        this.tokens = new TrackingTokens(key(config.tracking().secret(), platformKey));
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

    private static byte[] key(Optional<String> secret, String platformKeyLocation) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("fieldcast-tracking-link-v1".getBytes(StandardCharsets.UTF_8));
            sha.update(secret.isPresent() ? secret.get().getBytes(StandardCharsets.UTF_8) : read(platformKeyLocation));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String location) {
        try {
            Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("tracking links need fieldcast.notify.tracking.secret or the platform key "
                    + location, e);
        }
    }
}
