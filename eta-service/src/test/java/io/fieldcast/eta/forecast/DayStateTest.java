package io.fieldcast.eta.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a technician's route counts as settled enough to tell a first window from. */
class DayStateTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    private static final Duration AGE = Duration.ofMinutes(10);

    private static DayState changedAt(Instant routeChangedAt) {
        return new DayState("t", LocalDate.of(2026, 3, 10), 2, 45.5, -122.6, NOW, List.of(), Map.of(), null, NOW,
                Map.of(), null, routeChangedAt);
    }

    @Test
    void theDaysFirstRouteIsSettledAtOnce() {
        assertTrue(changedAt(null).routeSettled(AGE));
    }

    @Test
    void aReplacedRouteWaitsTheMinimumAge() {
        assertFalse(changedAt(NOW.minus(Duration.ofMinutes(9))).routeSettled(AGE), "replaced 9 min ago");
        assertTrue(changedAt(NOW.minus(AGE)).routeSettled(AGE), "replaced 10 min ago");
    }
}
