package io.fieldcast.platform.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Customer link tokens (tracking links, manage links): appointment id + expiry, HMAC-SHA256 signed (128-bit tag),
 * base64url. Nothing else is in the token, so a leaked link reveals one appointment until it expires and nothing more.
 * Each kind of link has a secret of its own, held only by the service that serves it ({@link #derive}).
 */
public final class LinkTokens {

    private static final int PAYLOAD = 16 + 8;
    private static final int TAG = 16;

    /** Shorter than this is guessable: an attacker who has it can open any customer's link. */
    public static final int MIN_SECRET_LENGTH = 16;

    private final byte[] key;

    public LinkTokens(byte[] key) {
        this.key = key.clone();
    }

    public String issue(UUID appointmentId, Instant expiresAt) {
        ByteBuffer buf = ByteBuffer.allocate(PAYLOAD + TAG);
        buf.putLong(appointmentId.getMostSignificantBits()).putLong(appointmentId.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond());
        buf.put(tag(Arrays.copyOf(buf.array(), PAYLOAD)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** The appointment a genuine, unexpired token names; empty for anything else. */
    public Optional<UUID> verify(String token, Instant now) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != PAYLOAD + TAG) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(raw, PAYLOAD);
        if (!MessageDigest.isEqual(tag(payload), Arrays.copyOfRange(raw, PAYLOAD, raw.length))) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(payload);
        UUID id = new UUID(buf.getLong(), buf.getLong());
        Instant expires = Instant.ofEpochSecond(buf.getLong());
        return now.isBefore(expires) ? Optional.of(id) : Optional.empty();
    }

    /**
     * The HMAC key for one kind of link ({@code label}, e.g. {@code fieldcast-tracking-link-v1}) from its configured
     * secret; fails with a message naming {@code variable} when the secret is missing or too short, so that a service
     * stops at start-up instead of at its first link.
     */
    public static byte[] derive(String label, Optional<String> secret, String variable) {
        String value = secret.map(String::strip).orElse("");
        if (value.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("customer links need a secret of at least " + MIN_SECRET_LENGTH
                    + " characters: set " + variable + "; " + (value.isEmpty() ? "it is not set"
                    : "it has " + value.length()));
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(StandardCharsets.UTF_8));
            sha.update(value.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(payload), TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
