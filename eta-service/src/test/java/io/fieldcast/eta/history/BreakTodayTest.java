package io.fieldcast.eta.history;

import io.fieldcast.events.VisitStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Today's break as the forecaster sees it from the taps. */
class BreakTodayTest {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();

    static Instant at(String hhmm) {
        return Instant.parse("2026-03-10T" + hhmm + ":00Z");
    }

    @Test
    void aLongGapAfterAJobDoneLateInTheMorningIsTheBreak() {
        List<Tap> taps = List.of(new Tap(A, VisitStatus.ARRIVED, at("10:00")),
                new Tap(A, VisitStatus.COMPLETED, at("11:40")), new Tap(B, VisitStatus.EN_ROUTE, at("12:25")));

        assertEquals(new DayState.Break(at("11:40"), at("12:25")),
                DayBook.breakToday(taps, at("12:30"), ZoneOffset.UTC));
    }

    @Test
    void nothingSinceTheJobForLongerThanTheMinimumIsABreakUnderWay() {
        List<Tap> taps = List.of(new Tap(A, VisitStatus.COMPLETED, at("11:40")));

        assertEquals(new DayState.Break(at("11:40"), null), DayBook.breakToday(taps, at("12:00"), ZoneOffset.UTC));
        assertNull(DayBook.breakToday(taps, at("11:48"), ZoneOffset.UTC), "8 minutes is packing up");
    }

    @Test
    void aGapBeforeTenIsNoBreak() {
        List<Tap> taps = List.of(new Tap(A, VisitStatus.COMPLETED, at("09:00")),
                new Tap(B, VisitStatus.EN_ROUTE, at("09:45")));

        assertNull(DayBook.breakToday(taps, at("10:30"), ZoneOffset.UTC));
    }
}
