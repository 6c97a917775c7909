package io.fieldcast.platform.idempotency;

import io.fieldcast.platform.security.Sha256;
import io.fieldcast.platform.rest.ApiException;


/**
 * One use of an {@code Idempotency-Key}: what it is used for ({@code operation}), by whom ({@code caller}, the
 * token's subject, so two callers' keys never collide), the key, and the fingerprint of the request (SHA-256 of
 * method, path and body) that tells a retry from another request sent with the same key.
 */
public record IdempotentRequest(String operation, String caller, String key, String fingerprint) {

    /** At most this many characters, each visible ASCII (0x21–0x7E): a UUID fits, and so does a client's own id. */
    public static final int MAX_KEY_LENGTH = 255;

    /** The request as the service read it; 400 naming the header when the key is not acceptable. */
    public static IdempotentRequest of(String operation, String caller, String key, String method, String path,
                                       String bodyJson) {
        if (!acceptable(key)) {
            throw ApiException.badRequest(Idempotency.HEADER, "must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (no spaces), e.g. a UUID");
        }
        return new IdempotentRequest(operation, caller, key, sha256(method + " " + path + "\n" + bodyJson));
    }

    static boolean acceptable(String key) {
        return key != null && !key.isEmpty() && key.length() <= MAX_KEY_LENGTH
                && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }
}
