package io.fieldcast.mobile.auth;

import io.fieldcast.platform.security.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Refresh tokens are {@code <sessionId>.<random secret>}; only a hash of the whole token is ever stored. */
final class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RefreshTokens() {
    }

    static String create(UUID sessionId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return sessionId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The session a token claims to belong to, or null when it is not even shaped like one of ours. */
    static UUID sessionOf(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot != 36) {
            return null;
        }
        try {
            return UUID.fromString(token.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
