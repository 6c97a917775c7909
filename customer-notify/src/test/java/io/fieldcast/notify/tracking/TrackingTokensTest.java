package io.fieldcast.notify.tracking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrackingTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
    private final TrackingTokens tokens = new TrackingTokens("k1".getBytes(StandardCharsets.UTF_8));
    private final UUID appointment = UUID.randomUUID();

    @Test
    void genuineTokenNamesItsAppointmentUntilItExpires() {
        String token = tokens.issue(appointment, NOW.plusSeconds(60));
        assertEquals(Optional.of(appointment), tokens.verify(token, NOW));
        assertEquals(Optional.empty(), tokens.verify(token, NOW.plusSeconds(60)));
    }

    @Test
    void tamperedForeignOrGarbledTokensAreRejected() {
        String token = tokens.issue(appointment, NOW.plusSeconds(60));
        char last = token.charAt(5);
        String tampered = token.substring(0, 5) + (last == 'A' ? 'B' : 'A') + token.substring(6);
        assertEquals(Optional.empty(), tokens.verify(tampered, NOW));
        assertEquals(Optional.empty(), new TrackingTokens("k2".getBytes(StandardCharsets.UTF_8)).verify(token, NOW));
        assertEquals(Optional.empty(), tokens.verify("not-a-token!", NOW));
        assertEquals(Optional.empty(), tokens.verify("", NOW));
    }
}
