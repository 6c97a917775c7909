package io.fieldcast.platform.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
    private final LinkTokens tokens = new LinkTokens("k1".getBytes(StandardCharsets.UTF_8));
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
        assertEquals(Optional.empty(), new LinkTokens("k2".getBytes(StandardCharsets.UTF_8)).verify(token, NOW));
        assertEquals(Optional.empty(), tokens.verify("not-a-token!", NOW));
        assertEquals(Optional.empty(), tokens.verify("", NOW));
    }

    @Test
    void eachKindOfLinkHasItsOwnKeyAndAShortSecretStopsTheService() {
        Optional<String> secret = Optional.of("a-secret-of-twenty-chars");
        LinkTokens tracking = new LinkTokens(LinkTokens.derive("tracking", secret, "X"));
        LinkTokens manage = new LinkTokens(LinkTokens.derive("manage", secret, "X"));
        String token = tracking.issue(appointment, NOW.plusSeconds(60));
        assertEquals(Optional.of(appointment), tracking.verify(token, NOW));
        assertEquals(Optional.empty(), manage.verify(token, NOW), "a tracking link does not open the manage page");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> LinkTokens.derive("manage", Optional.of(" short "), "FIELDCAST_PORTAL_LINK_SECRET"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("FIELDCAST_PORTAL_LINK_SECRET")
                && e.getMessage().contains("it has 5"), e.getMessage());
    }
}
