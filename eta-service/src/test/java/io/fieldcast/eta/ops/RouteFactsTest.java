package io.fieldcast.eta.ops;

import io.fieldcast.eta.road.RoadLeg;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What one route plans: work, drive, the planned end and the hours, on a road timer of 10 minutes and 5 km a leg. */
class RouteFactsTest {

    private static final RoadLeg.Timer TEN_MINUTES = (a, b, c, d) -> new RoadLeg(600, 5000);
    private static final GeoPosition HOME = new GeoPosition(42.50, 1.52);

    private static RoutePlanned route() {
        // Visit 1: arrives 08:50, waits for its 09:00 window, works 90 min (09:00-10:30).
        // Visit 2: arrives 10:40 inside its window, works 45 min (10:40-11:25). Shift 08:00-16:30.
        var v1 = new PlannedVisit(UUID.randomUUID(), 0, "INSTALL", "Ana", "x", new GeoPosition(42.51, 1.52), null,
                at("09:00"), at("13:00"), at("08:50"), 90, false);
        var v2 = new PlannedVisit(UUID.randomUUID(), 1, "REPAIR", "Bo", "y", new GeoPosition(42.52, 1.52), null,
                at("08:00"), at("12:00"), at("10:40"), 45, false);
        return new RoutePlanned(UUID.randomUUID(), at("07:00"), 1, "t1", "north", LocalDate.of(2026, 3, 2), 3, HOME,
                HOME, at("08:00"), at("16:30"), List.of(v2, v1));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + ":00Z");
    }

    @Test
    void workTravelAndPlannedEndOfTheRoute() {
        RouteFacts f = RouteFacts.of(route(), TEN_MINUTES, ZoneOffset.UTC);
        assertEquals(2, f.visits());
        assertEquals(135, f.workMinutes(), 1e-9, "90 + 45");
        assertEquals(30, f.travelMinutes(), 1e-9, "home -> 1 -> 2 -> home, 10 min each");
        assertEquals(15, f.travelKm(), 1e-9);
        assertEquals(10, f.driveHomeMinutes(), 1e-9);
        assertEquals(at("11:35"), f.plannedEnd(), "visit 2 ends 11:25, then 10 min home");
    }

    @Test
    void workAndShiftFallIntoTheLocalHours() {
        RouteFacts f = RouteFacts.of(route(), TEN_MINUTES, ZoneOffset.UTC);
        assertEquals(0, f.workByHour()[8], 1e-9, "visit 1 waits for 09:00");
        assertEquals(60, f.workByHour()[9], 1e-9);
        assertEquals(50, f.workByHour()[10], 1e-9, "visit 1 until 10:30 and visit 2 from 10:40");
        assertEquals(25, f.workByHour()[11], 1e-9);
        assertEquals(60, f.shiftByHour()[8], 1e-9);
        assertEquals(30, f.shiftByHour()[16], 1e-9, "the shift ends 16:30");
        assertEquals(510, java.util.Arrays.stream(f.shiftByHour()).sum(), 1e-9);
        RouteFacts madrid = RouteFacts.of(route(), TEN_MINUTES, ZoneId.of("Europe/Madrid"));
        assertEquals(60, madrid.workByHour()[10], 1e-9, "09:00 UTC is 10:00 in Madrid in March");
    }
}
