package io.fieldcast.notify.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietHoursTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private final QuietHours quiet = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    @Test
    void quietHoursWrapMidnightInTheCustomersZone() {
        assertTrue(quiet.contains(Instant.parse("2026-03-02T20:30:00Z"), MADRID)); // 21:30 in Madrid (UTC+1)
        assertTrue(quiet.contains(Instant.parse("2026-03-03T06:59:00Z"), MADRID)); // 07:59
        assertFalse(quiet.contains(Instant.parse("2026-03-03T07:00:00Z"), MADRID)); // 08:00
    }

    @Test
    void heldMessageGoesOutWhenQuietHoursEnd() {
        // 06:00 in Madrid: the same morning at 08:00 = 07:00Z.
        assertEquals(Instant.parse("2026-03-03T07:00:00Z"), quiet.nextAllowed(Instant.parse("2026-03-03T05:00:00Z"),
                MADRID));
        // 22:00 in Madrid: next morning.
        assertEquals(Instant.parse("2026-03-04T07:00:00Z"), quiet.nextAllowed(Instant.parse("2026-03-03T21:00:00Z"),
                MADRID));
    }
}
