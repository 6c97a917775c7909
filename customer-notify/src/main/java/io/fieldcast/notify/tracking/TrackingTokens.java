package io.fieldcast.notify.tracking;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Tracking link tokens: appointment id + expiry, HMAC-SHA256 signed (128-bit tag), base64url. Nothing else is in
 * the token, so a leaked link reveals one appointment until it expires and nothing more.
 */
public final class TrackingTokens {

    private static final int PAYLOAD = 16 + 8;
    private static final int TAG = 16;

    private final byte[] key;

    public TrackingTokens(byte[] key) {
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
