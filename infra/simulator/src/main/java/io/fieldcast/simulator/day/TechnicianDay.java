package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A technician's published day: the input of {@link DayEngine}.
 *
 * @param dayIndex 0-based index of the day in the run (seeds the day's randomness)
 * @param zone     the territory's time zone: rush hours and lunch follow local time
 * @param stops    visits in driving order
 */
public record TechnicianDay(String technicianId, LocalDate date, int dayIndex, ZoneId zone,
                            Instant shiftStart, Instant shiftEnd, GeoPoint start, GeoPoint end, List<PlannedStop> stops) {

    public TechnicianDay {
        stops = List.copyOf(stops);
    }
}
