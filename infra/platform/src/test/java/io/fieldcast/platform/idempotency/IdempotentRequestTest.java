package io.fieldcast.platform.idempotency;

import io.fieldcast.platform.rest.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdempotentRequestTest {

    private static final String BODY = "{\"reason\":\"moved away\"}";

    @Test
    void keyOfVisibleAsciiUpTo255CharactersIsAccepted() {
        IdempotentRequest.of("op", "dana", "8e0c1a52-6f7b-4c1e-9d1e-0f2b1f6f3a10", "POST", "/x", BODY);
        IdempotentRequest.of("op", "dana", "a", "POST", "/x", BODY);
        IdempotentRequest.of("op", "dana", "~".repeat(255), "POST", "/x", BODY);
    }

    @Test
    void emptyLongOrNonAsciiKeyIs400NamingTheHeader() {
        for (String key : new String[] {"", "x".repeat(256), "with space", "tab\t", "ключ", "nul\0"}) {
            ApiException e = assertThrows(ApiException.class,
                    () -> IdempotentRequest.of("op", "dana", key, "POST", "/x", BODY), key);
            assertEquals(400, e.status());
            assertEquals(true, e.getMessage().startsWith(Idempotency.HEADER), e.getMessage());
        }
    }

    @Test
    void fingerprintDiffersWithMethodPathOrBody() {
        String fingerprint = IdempotentRequest.of("op", "dana", "k", "POST", "/x", BODY).fingerprint();
        assertEquals(64, fingerprint.length(), "hex of SHA-256");
        assertEquals(fingerprint, IdempotentRequest.of("op", "dana", "k", "POST", "/x", BODY).fingerprint());
        assertNotEquals(fingerprint, IdempotentRequest.of("op", "dana", "k", "PUT", "/x", BODY).fingerprint());
        assertNotEquals(fingerprint, IdempotentRequest.of("op", "dana", "k", "POST", "/y", BODY).fingerprint());
        assertNotEquals(fingerprint, IdempotentRequest.of("op", "dana", "k", "POST", "/x", "{}").fingerprint());
    }
}
