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

    static final UUID C = UUID.randomUUID();

    private static VisitPlan visit(UUID id, String windowStart) {
        return new VisitPlan(id, "REPAIR", 45.5, -122.6, at(windowStart), at(windowStart).plusSeconds(4 * 3600),
                at(windowStart), 40);
    }

    /**
     * A gap that ends at the next door as its window opens may be a wait, as trip mining's break estimate tells them
     * apart; every gap of the day is kept, so the forecaster can pass over a wait for the break after it.
     */
    @Test
    void aGapEndingAtTheNextWindowIsMarkedAsAWaitAndTheLaterGapsAreKept() {
        List<VisitPlan> visits = List.of(visit(A, "08:00"), visit(B, "12:00"), visit(C, "12:00"));
        List<Tap> taps = List.of(new Tap(A, VisitStatus.ARRIVED, at("09:00")),
                new Tap(A, VisitStatus.COMPLETED, at("10:40")), new Tap(B, VisitStatus.EN_ROUTE, at("11:35")),
                new Tap(B, VisitStatus.ARRIVED, at("11:58")), new Tap(B, VisitStatus.COMPLETED, at("12:40")),
                new Tap(C, VisitStatus.EN_ROUTE, at("13:30")));

        DayState.Break first = DayBook.breakToday(taps, at("13:40"), ZoneOffset.UTC, visits, java.util.Map.of());

        assertEquals(new DayState.Break(at("10:40"), at("11:35"), true,
                new DayState.Break(at("12:40"), at("13:30"), false, null)), first);
    }

    /** The window told binds, not the booked one; the door reached well after it opened was no wait. */
    @Test
    void theToldWindowDecidesAndALateArrivalIsNoWait() {
        List<VisitPlan> visits = List.of(visit(A, "08:00"), visit(B, "08:00"));
        List<Tap> taps = List.of(new Tap(A, VisitStatus.COMPLETED, at("10:40")),
                new Tap(B, VisitStatus.EN_ROUTE, at("11:35")), new Tap(B, VisitStatus.ARRIVED, at("11:58")));

        assertEquals(true, DayBook.breakToday(taps, at("12:00"), ZoneOffset.UTC, visits,
                java.util.Map.of(B, at("12:00"))).forWindow(), "told 12:00-13:00: reached at its start");
        assertEquals(false, DayBook.breakToday(taps, at("12:00"), ZoneOffset.UTC, visits,
                java.util.Map.of(B, at("11:00"))).forWindow(), "told 11:00-12:00: reached an hour into it");
    }

    /** Nothing since the job, and the next customer's window is still to open: perhaps a wait, not yet the break. */
    @Test
    void aGapUnderWayBeforeTheNextWindowOpensMayBeAWait() {
        List<VisitPlan> visits = List.of(visit(A, "08:00"), visit(B, "12:00"));
        List<Tap> taps = List.of(new Tap(A, VisitStatus.COMPLETED, at("10:40")));

        assertEquals(new DayState.Break(at("10:40"), null, true, null),
                DayBook.breakToday(taps, at("11:00"), ZoneOffset.UTC, visits, java.util.Map.of()));
        assertEquals(new DayState.Break(at("10:40"), null, false, null),
                DayBook.breakToday(taps, at("12:10"), ZoneOffset.UTC, visits, java.util.Map.of()),
                "past 12:02 and not at the door: no wait for that window");
    }
}
