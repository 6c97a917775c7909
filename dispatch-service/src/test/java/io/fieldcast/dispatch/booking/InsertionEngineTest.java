package io.fieldcast.dispatch.booking;

import io.fieldcast.dispatch.road.TravelTimes;
import io.fieldcast.dispatch.solver.TravelFactor;
import io.fieldcast.roadnetwork.GeoPoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The insertion rules on a line world: points at (0, x) and travel takes |x1 - x2| minutes, so every expected
 * number can be worked out by hand.
 */
class InsertionEngineTest {

    private static final Instant EIGHT = Instant.parse("2026-03-03T08:00:00Z");
    private static final Instant FIVE_PM = Instant.parse("2026-03-03T17:00:00Z");
    private static final TravelTimes LINE = (a, b) -> Math.round(Math.abs(a.lon() - b.lon()) * 100 * 60);
    private static final GeoPoint HOME = at(0);

    @Test
    void emptyDayTakesTheVisitAndPlansArrivalAfterTheDrive() {
        var insertion = InsertionEngine.best(List.of(day("t1", Map.of())), visit(30, 60, 9, 12, Map.of()), 0,
                LINE).orElseThrow();
        // Leave home at 08:00, 30 minutes of driving: arrival 08:30 (before the window opens at 09:00).
        assertEquals(Instant.parse("2026-03-03T08:30:00Z"), insertion.plannedArrival());
        assertEquals(60 * 60, insertion.addedTravelSeconds(), "30 min out and 30 min back");
    }

    @Test
    void arrivalAfterTheWindowEndIsRefused() {
        // 200 minutes away: earliest arrival 11:20, the window closes at 11:00.
        assertTrue(InsertionEngine.best(List.of(day("t1", Map.of())), visit(200, 30, 9, 11, Map.of()), 0, LINE)
                .isEmpty());
    }

    @Test
    void dayMustEndAtHomeBeforeShiftEndWithTheBreak() {
        // 16:00-18:00 window, 60 min of work 10 min away: home at 17:10 + 30 min break owed > 17:00.
        assertTrue(InsertionEngine.best(List.of(day("t1", Map.of())), visit(10, 60, 16, 18, Map.of()), 0, LINE)
                .isEmpty());
    }

    @Test
    void reserveShareKeepsPartOfTheShiftFree() {
        // 9 h shift; 6 h of work + 20 min driving + 30 min break = 410 min: fits in 100 %, not in 75 % (405 min).
        var big = visit(10, 360, 8, 12, Map.of());
        assertTrue(InsertionEngine.best(List.of(day("t1", Map.of())), big, 0.0, LINE).isPresent());
        assertTrue(InsertionEngine.best(List.of(day("t1", Map.of())), big, 0.25, LINE).isEmpty());
    }

    @Test
    void onlyTechniciansWithTheSkillLevelAreTried() {
        var fiber = visit(10, 60, 9, 12, Map.of("fiber", 3));
        var insertion = InsertionEngine.best(List.of(day("junior", Map.of("fiber", 2)), day("senior",
                Map.of("fiber", 4))), fiber, 0, LINE).orElseThrow();
        assertEquals("senior", insertion.technicianId());
    }

    @Test
    void cheapestPositionIsChosen() {
        // Existing stops at x=10 and x=50; a new visit at x=30 fits between them at no extra driving.
        TechDay tech = new TechDay("t1", HOME, EIGHT, FIVE_PM, 30, Map.of(), List.of(
                stop(10, 8, 17, 30), stop(50, 8, 17, 30)));
        var insertion = InsertionEngine.best(List.of(tech), visit(30, 30, 8, 17, Map.of()), 0, LINE).orElseThrow();
        assertEquals(1, insertion.position());
        assertEquals(0, insertion.addedTravelSeconds());
    }

    @Test
    void visitThatWouldMakeALaterStopLateIsPlacedAfterIt() {
        // Stop at x=10 must be reached by 08:15; inserting x=60 first would arrive there at 09:50+.
        TechDay tech = new TechDay("t1", HOME, EIGHT, FIVE_PM, 30, Map.of(), List.of(stop(10, 8, 8.25, 30)));
        var insertion = InsertionEngine.best(List.of(tech), visit(60, 30, 8, 17, Map.of()), 0, LINE).orElseThrow();
        assertEquals(1, insertion.position());
    }

    @Test
    void technicianLearnedDurationReplacesTheDefault() {
        // A 200-minute default would not fit a 2-hour morning window run by a fast technician who needs 60.
        TechDay fast = new TechDay("fast", HOME, EIGHT, hour(11), 0, Map.of(), List.of(), Map.of("REPAIR", 60));
        TechDay unknown = new TechDay("unknown", HOME, EIGHT, hour(11), 0, Map.of(), List.of(), Map.of());
        var visit = new VisitRequest(at(10), "REPAIR", 200, EIGHT, hour(10), Map.of());
        var insertion = InsertionEngine.best(List.of(unknown, fast), visit, 0, LINE).orElseThrow();
        assertEquals("fast", insertion.technicianId());
        assertEquals(60, insertion.durationMinutes());
    }

    @Test
    void learnedTravelFactorDelaysTheOfferedArrivalAsThePlanWill() {
        // 1.5 all day: the 30-minute drive leaving at 08:00 takes 45, arrival 08:45; back 45 more.
        var slow = TravelFactor.byLocalHour(Collections.nCopies(24, 1.5), EIGHT, ZoneOffset.UTC);
        TechDay tech = new TechDay("t1", HOME, EIGHT, FIVE_PM, 30, Map.of(), List.of(), Map.of(), slow, EIGHT);
        var insertion = InsertionEngine.best(List.of(tech), visit(30, 60, 8, 12, Map.of()), 0, LINE).orElseThrow();
        assertEquals(Instant.parse("2026-03-03T08:45:00Z"), insertion.plannedArrival());
        assertEquals(90 * 60, insertion.addedTravelSeconds());
    }

    @Test
    void learnedTravelFactorCanMakeAWindowUnreachable() {
        // 40 minutes mapped reaches an 08:00–08:50 window; at 1.5 the arrival would be 09:00.
        var slow = TravelFactor.byLocalHour(Collections.nCopies(24, 1.5), EIGHT, ZoneOffset.UTC);
        TechDay tech = new TechDay("t1", HOME, EIGHT, FIVE_PM, 30, Map.of(), List.of(), Map.of(), slow, EIGHT);
        var tight = visit(40, 30, 8, 8 + 50 / 60.0, Map.of());
        assertTrue(InsertionEngine.best(List.of(day("t1", Map.of())), tight, 0, LINE).isPresent());
        assertTrue(InsertionEngine.best(List.of(tech), tight, 0, LINE).isEmpty());
    }

    private static TechDay day(String id, Map<String, Integer> skills) {
        return new TechDay(id, HOME, EIGHT, FIVE_PM, 30, skills, List.of());
    }

    private static VisitRequest visit(double x, int minutes, double fromHour, double toHour, Map<String, Integer> s) {
        return new VisitRequest(at(x), minutes, hour(fromHour), hour(toHour), s);
    }

    private static Stop stop(double x, double fromHour, double toHour, int minutes) {
        return new Stop(UUID.randomUUID(), at(x), hour(fromHour), hour(toHour), minutes);
    }

    private static Instant hour(double h) {
        return Instant.parse("2026-03-03T00:00:00Z").plusSeconds(Math.round(h * 3600));
    }

    private static GeoPoint at(double x) {
        return new GeoPoint(0, x / 100.0);
    }
}
