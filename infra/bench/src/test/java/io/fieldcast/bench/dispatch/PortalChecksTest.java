package io.fieldcast.bench.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The portal bench's end-of-run checks on constructed days and offers: they pass what holds and fail what does not. */
class PortalChecksTest {

    private static final double LAT = 40.75;
    private static final double LON = -73.99;
    private static final OverbookCheck.Shift SHIFT = new OverbookCheck.Shift("t1", LAT, LON, at("07:00"), at("19:00"),
            30);

    private static Instant at(String hhmm) {
        return Instant.parse("2030-01-08T" + hhmm + ":00Z");
    }

    /** A visit about {@code metresNorth} from home, in window {@code from}–{@code to}, planned at {@code arrival}. */
    private static OverbookCheck.Visit visit(String id, int seq, String arrival, String from, String to,
                                             double metresNorth) {
        return new OverbookCheck.Visit(id, "t1", seq, arrival == null ? null : at(arrival), LAT + metresNorth / 111_320,
                LON, at(from), at(to), 30);
    }

    @Test
    void aDayThatHoldsIsNotOverbooked() {
        List<OverbookCheck.Visit> visits = List.of(
                visit("a", 0, "08:05", "08:00", "10:00", 500),
                visit("b", 1, "08:45", "08:00", "10:00", 1500),
                visit("c", 2, "10:10", "10:00", "12:00", 3000),
                // Early: the technician waits for the window to open.
                visit("d", 3, "10:50", "12:00", "14:00", 2000));
        OverbookCheck.Result result = OverbookCheck.check(List.of(SHIFT), visits);
        assertEquals(0, result.overbooked(), result.findings().toString());
        assertEquals(1, result.technicianDays());
    }

    @Test
    void moreVisitsInAWindowThanOneTechnicianCanReachIsOverbookedWhateverThePlanSays() {
        // Six 30-minute visits promised 08:00–10:00, the plan claiming every arrival inside the window: the fifth
        // cannot start before 10:00 even with no travel at all.
        List<OverbookCheck.Visit> visits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            visits.add(visit("v" + i, i, "09:5" + i, "08:00", "10:00", 100 * i));
        }
        OverbookCheck.Result result = OverbookCheck.check(List.of(SHIFT), visits);
        assertEquals(1, result.overbooked());
        assertTrue(result.findings().getFirst().why().contains("before the previous one is done"),
                result.findings().toString());
    }

    @Test
    void aPlanWithArrivalsSpacedRightButTooFarApartFailsTheStraightLineBound() {
        // 100 km between two visits 40 minutes apart: no road covers that.
        List<OverbookCheck.Visit> visits = List.of(
                visit("near", 0, "08:00", "08:00", "10:00", 1000),
                visit("far", 1, "08:40", "08:00", "09:00", 100_000));
        String why = OverbookCheck.whyNot(SHIFT, visits);
        assertNotNull(why);
        assertTrue(why.contains("straight line"), why);
    }

    @Test
    void lateArrivalsTheShiftsEndAndVisitsOnNoRouteCount() {
        assertTrue(OverbookCheck.whyNot(SHIFT, List.of(visit("late", 0, "10:30", "08:00", "10:00", 500)))
                .contains("after its window ends"));
        // Done at 16:30 at the earliest, 300 km from home: over two hours back, after 19:00 less the break.
        assertTrue(OverbookCheck.whyNot(SHIFT, List.of(visit("far", 0, "16:00", "16:00", "18:00", 300_000)))
                .contains("back home"));
        assertTrue(OverbookCheck.whyNot(SHIFT, List.of(visit("unplaced", 0, null, "08:00", "10:00", 500)))
                .contains("planned arrival"));
        OverbookCheck.Visit onNoRoute = new OverbookCheck.Visit("x", null, null, null, LAT, LON, at("08:00"),
                at("10:00"), 30);
        OverbookCheck.Result result = OverbookCheck.check(List.of(SHIFT),
                List.of(visit("ok", 0, "08:10", "08:00", "10:00", 500), onNoRoute));
        assertEquals(1, result.unplanned());
        assertEquals(1, result.overbooked());
    }

    @Test
    void aStraightLineLegIsNeverLongerThanTheRoadCouldBe() {
        // 1 degree of latitude, about 111 km: under an hour at 130 km/h.
        long seconds = OverbookCheck.legSeconds(40, -74, 41, -74);
        assertTrue(seconds > 3000 && seconds < 3100, Long.toString(seconds));
    }

    @Test
    void anOfferIsDoubleFilledWhenTwoTookItAnywhereWeCanSee() {
        List<WaitlistCheck.Offer> offers = List.of(
                new WaitlistCheck.Offer("once", "a1", List.of("a1"), 1),
                new WaitlistCheck.Offer("open", null, List.of(), 0),
                new WaitlistCheck.Offer("two-accepted", "a2", List.of("a2", "a3"), 1),
                new WaitlistCheck.Offer("other-taker", "a4", List.of("a5"), 1),
                new WaitlistCheck.Offer("audited-twice", "a6", List.of("a6"), 2),
                new WaitlistCheck.Offer("clients-twice", "a7", List.of("a7"), 1));
        WaitlistCheck.Result result = WaitlistCheck.check(offers, 9,
                Map.of("once", Set.of("a1"), "clients-twice", Set.of("a7", "a8")));
        assertEquals(6, result.offers());
        assertEquals(5, result.filled());
        assertEquals(Set.of("two-accepted", "other-taker", "audited-twice", "clients-twice"), result.doubleFilled());
    }
}
