package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a first window may be told: from a settled route, not too far ahead. */
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

    @Test
    void aFirstWindowIsToldAtMostTheMaximumLeadAhead() {
        Duration lead = Duration.ofHours(3);
        assertTrue(ForecastService.withinLead(NOW.plus(lead), NOW, lead), "starts in 3 h");
        assertFalse(ForecastService.withinLead(NOW.plus(lead).plusSeconds(60), NOW, lead), "starts in 3 h 1 min");
    }
}
