package io.fieldcast.eta.ops;

import io.fieldcast.eta.road.RoadLeg;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one published route plans for a technician-day: visits, work, the drive (road-network time of the legs home →
 * visit 1 → … → visit n → home, the same road times the forecasts use) and how the planned work and the shift fall
 * into the local hours of the day. A visit's work starts at its planned arrival, or when its booked window opens if
 * the van is planned to wait outside, and lasts its planned duration.
 *
 * @param workByHour  planned work minutes in each local hour 0..23
 * @param shiftByHour shift minutes in each local hour 0..23
 * @param plannedEnd  the last visit's planned end plus the drive home; null for a route without visits
 */
public record RouteFacts(int visits, double workMinutes, double travelMinutes, double travelKm,
                         double driveHomeMinutes, Instant plannedEnd, double[] workByHour, double[] shiftByHour) {

    public static final int HOURS = 24;

    /** The facts of {@code route}, its drives timed by {@code roads}, its hours in {@code zone}. */
    public static RouteFacts of(RoutePlanned route, RoadLeg.Timer roads, ZoneId zone) {
        List<PlannedVisit> visits = new ArrayList<>(route.visits());
        visits.sort(Comparator.comparingInt(PlannedVisit::sequence));
        double[] work = new double[HOURS];
        double[] shift = new double[HOURS];
        spread(route.shiftStart(), route.shiftEnd(), zone, shift);
        double workMinutes = 0;
        double travelSeconds = 0;
        double travelMeters = 0;
        GeoPosition from = route.start();
        Instant lastEnd = null;
        for (PlannedVisit v : visits) {
            RoadLeg leg = leg(roads, from, v.location());
            travelSeconds += leg.seconds();
            travelMeters += leg.meters();
            from = v.location() == null ? from : v.location();
            Instant start = workStart(v);
            if (start != null) {
                Instant end = start.plus(Duration.ofMinutes(v.plannedDurationMinutes()));
                spread(start, end, zone, work);
                lastEnd = end;
            }
            workMinutes += v.plannedDurationMinutes();
        }
        RoadLeg home = visits.isEmpty() ? new RoadLeg(0, 0) : leg(roads, from, route.end());
        travelSeconds += home.seconds();
        travelMeters += home.meters();
        double homeMinutes = home.seconds() / 60;
        Instant plannedEnd = lastEnd == null ? null : lastEnd.plusMillis(Math.round(home.seconds() * 1000));
        return new RouteFacts(visits.size(), workMinutes, travelSeconds / 60, travelMeters / 1000, homeMinutes,
                plannedEnd, work, shift);
    }

    /** The planned arrival, or the booked window's start when the van is planned to wait outside for it. */
    static Instant workStart(PlannedVisit v) {
        if (v.plannedArrival() == null) {
            return v.windowStart();
        }
        return v.windowStart() != null && v.windowStart().isAfter(v.plannedArrival()) ? v.windowStart()
                : v.plannedArrival();
    }

    private static RoadLeg leg(RoadLeg.Timer roads, GeoPosition from, GeoPosition to) {
        if (from == null || to == null) {
            return new RoadLeg(0, 0);
        }
        RoadLeg leg = roads.leg(from.lat(), from.lon(), to.lat(), to.lon());
        return Double.isFinite(leg.seconds()) ? leg : new RoadLeg(0, 0);
    }

    /** Adds the minutes of {@code [from, to)} to the local hours they fall in. */
    static void spread(Instant from, Instant to, ZoneId zone, double[] byHour) {
        if (from == null || to == null || !to.isAfter(from)) {
            return;
        }
        ZonedDateTime at = from.atZone(zone);
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            ZonedDateTime hourEnd = at.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            Instant stop = hourEnd.toInstant().isBefore(to) ? hourEnd.toInstant() : to;
            byHour[at.getHour()] += Duration.between(cursor, stop).toSeconds() / 60.0;
            cursor = stop;
            at = stop.atZone(zone);
        }
    }
}
