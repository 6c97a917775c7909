package io.fieldcast.dispatch.persistence;

import io.fieldcast.dispatch.domain.LatestForecast;
import io.fieldcast.dispatch.domain.ToldWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which published first windows a plan keeps as told before their text comes back. */
class ToldWindowsTest {

    private static final UUID VISIT = UUID.randomUUID();
    private static final Instant NINE = Instant.parse("2026-03-05T09:00:00Z");

    @Test
    void aFirstWindowPublishedAndNotTextedIsBeingTold() {
        assertTrue(ToldWindows.beingTold(null, published(NINE)));
    }

    @Test
    void aWindowTextedBeforeIsWhatTheCustomerKnows() {
        assertFalse(ToldWindows.beingTold(texted(NINE.minusSeconds(600), NINE), published(NINE.plusSeconds(60))),
                "a moved window is told when its text comes back, not before");
    }

    @Test
    void aVoidTextedBeforeThePublicationLeavesItBeingTold() {
        assertTrue(ToldWindows.beingTold(texted(NINE.minusSeconds(600), null), published(NINE)));
        assertFalse(ToldWindows.beingTold(texted(NINE.plusSeconds(60), null), published(NINE)),
                "a window published before the booked window changed binds nothing");
    }

    @Test
    void aForecastWithoutAWindowTellsNothing() {
        LatestForecast none = published(NINE);
        none.windowStart = null;
        assertFalse(ToldWindows.beingTold(null, none));
    }

    private static LatestForecast published(Instant at) {
        LatestForecast f = new LatestForecast();
        f.appointmentId = VISIT;
        f.windowStart = Instant.parse("2026-03-05T11:00:00Z");
        f.windowEnd = Instant.parse("2026-03-05T12:00:00Z");
        f.forecastVersion = 1;
        f.updatedAt = at;
        return f;
    }

    private static ToldWindow texted(Instant at, Instant start) {
        ToldWindow t = new ToldWindow();
        t.appointmentId = VISIT;
        t.windowStart = start;
        t.windowEnd = start == null ? null : start.plusSeconds(3600);
        t.forecastVersion = start == null ? 0 : 1;
        t.kind = start == null ? "RESCHEDULE_CONFIRMATION" : "WINDOW_NARROWED";
        t.toldAt = at;
        return t;
    }
}
