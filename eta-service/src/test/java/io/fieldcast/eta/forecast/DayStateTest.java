package io.fieldcast.eta.forecast;

import io.fieldcast.eta.history.DayState;
import io.fieldcast.eta.history.VisitProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a first window may be told: from a settled route, not too far ahead; when a phone counts as silent. */
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

    /** The day at {@code now}, shift from 08:00, the phone last heard at {@code heard} (null: never). */
    private static DayState heardAt(Instant heard, Instant now) {
        Instant shift = Instant.parse("2026-03-10T08:00:00Z");
        return new DayState("t", LocalDate.of(2026, 3, 10), 2, 45.5, -122.6, shift, List.of(), Map.of(), null, now,
                Map.of(), null, null, heard);
    }

    @Test
    void aPhoneHeardOnShiftIsSilentOnlyPastTheHold() {
        Duration hold = Duration.ofMinutes(15);
        assertFalse(heardAt(NOW.minus(Duration.ofMinutes(15)), NOW).phoneSilent(hold), "heard 15 min ago");
        assertTrue(heardAt(NOW.minus(Duration.ofMinutes(16)), NOW).phoneSilent(hold), "heard 16 min ago");
        assertFalse(heardAt(NOW.minus(Duration.ofMinutes(16)), NOW).phoneSilent(Duration.ZERO), "hold off");
        // The app opened at home at 07:30, nothing since: silent once the hold is past.
        assertTrue(heardAt(Instant.parse("2026-03-10T07:30:00Z"), NOW).phoneSilent(hold), "opened before the shift");
    }

    /** The day at {@code now}, the phone heard at {@code heard}, its newest fix taken at {@code fix}, and these taps. */
    private static DayState heardWith(Instant heard, Instant fix, Map<UUID, VisitProgress> taps) {
        Instant shift = Instant.parse("2026-03-10T08:00:00Z");
        return new DayState("t", LocalDate.of(2026, 3, 10), 2, 45.5, -122.6, shift, List.of(), taps,
                fix == null ? null : new DayState.Fix(fix, 45.5, -122.6), NOW, Map.of(), null, null, heard);
    }

    @Test
    void silenceCountsFromTheNewestNewsNotFromTheContactThatBroughtIt() {
        Duration hold = Duration.ofMinutes(10);
        Instant heard = NOW.minus(Duration.ofMinutes(4));
        // A fix of 09:47 received at 09:56, then nothing: heard four minutes ago, its news thirteen minutes old.
        DayState late = heardWith(heard, NOW.minus(Duration.ofMinutes(13)), Map.of());
        assertEquals(NOW.minus(Duration.ofMinutes(13)), late.silentSince());
        assertTrue(late.phoneSilent(hold), "news 13 min old");
        assertFalse(heardWith(heard, NOW.minus(Duration.ofMinutes(9)), Map.of()).phoneSilent(hold), "news 9 min old");
        // A tap newer than the fix is news too.
        UUID visit = UUID.randomUUID();
        var done = Map.of(visit, new VisitProgress(null, NOW.minus(Duration.ofMinutes(40)),
                NOW.minus(Duration.ofMinutes(6)), false));
        DayState tapped = heardWith(heard, NOW.minus(Duration.ofMinutes(13)), done);
        assertEquals(NOW.minus(Duration.ofMinutes(6)), tapped.newsAt());
        assertFalse(tapped.phoneSilent(hold), "a tap of 6 min ago");
        // A phone clock ahead of the platform's: its contact bounds the silence.
        DayState ahead = heardWith(heard, NOW.plus(Duration.ofMinutes(5)), Map.of());
        assertEquals(heard, ahead.silentSince());
        assertFalse(ahead.phoneSilent(hold));
    }

    @Test
    void aPhoneNotHeardThisShiftIsNoSilence() {
        Duration hold = Duration.ofMinutes(15);
        // Nothing is known either way before the app is opened: windows move on time passing, as before.
        assertFalse(heardAt(null, NOW).phoneSilent(hold), "never heard");
        assertFalse(heardAt(Instant.parse("2026-03-09T17:00:00Z"), NOW).phoneSilent(hold), "heard yesterday");
    }
}
