package io.fieldcast.eta.model;

import io.fieldcast.eta.road.Geo;
import io.fieldcast.events.Events;
import io.fieldcast.events.FieldcastEvent;
import io.fieldcast.events.GeoPosition;
import io.fieldcast.events.LocationPing;
import io.fieldcast.events.PlannedVisit;
import io.fieldcast.events.RoutePlanned;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.events.VisitStatusChanged;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Past days of one technician as the phone and dispatch would have sent them: the route, a fix every 30 s while
 * driving and working, ARRIVED taps that are missing one time in three, COMPLETED taps. The technician's true
 * service median and travel factor (against the tests' no-map road time, straight line x 1.3 at 30 km/h) are known.
 */
final class SimulatedDays {

    static final double ROAD_SPEED = 30 / 3.6;
    static final double ROAD_DETOUR = 1.3;

    private SimulatedDays() {
    }

    static List<FieldcastEvent> day(String tech, LocalDate day, double serviceMedianMin, double travelFactor,
                                    Random random) {
        List<FieldcastEvent> events = new ArrayList<>();
        List<PlannedVisit> visits = new ArrayList<>();
        Instant t = day.atTime(8, 0).toInstant(ZoneOffset.UTC);
        double lat = 45.50;
        double lon = -122.65;
        GeoPosition home = new GeoPosition(lat, lon);
        Instant start = t;
        for (int i = 0; i < 4; i++) {
            double toLat = 45.50 + random.nextDouble() * 0.05;
            double toLon = -122.65 + random.nextDouble() * 0.05;
            UUID id = UUID.randomUUID();
            visits.add(new PlannedVisit(id, i + 1, "repair", "Ann", "x", new GeoPosition(toLat, toLon), null,
                    day.atStartOfDay().toInstant(ZoneOffset.UTC), day.atTime(18, 0).toInstant(ZoneOffset.UTC),
                    t, 45, false));
            double roadSeconds = Geo.meters(lat, lon, toLat, toLon) * ROAD_DETOUR / ROAD_SPEED;
            double drive = roadSeconds * travelFactor * Math.exp(random.nextGaussian() * 0.1);
            events.add(tap(tech, id, VisitStatus.EN_ROUTE, t));
            int steps = (int) Math.max(1, drive / 30);
            for (int s = 1; s <= steps; s++) {
                double f = (double) s / steps;
                events.add(ping(tech, t.plusMillis(Math.round(1000 * drive * f)), lat + f * (toLat - lat),
                        lon + f * (toLon - lon)));
            }
            t = t.plusMillis(Math.round(1000 * drive));
            if (random.nextDouble() > 1.0 / 3) {
                events.add(tap(tech, id, VisitStatus.ARRIVED, t.plusSeconds(random.nextInt(60))));
            }
            double service = 60 * serviceMedianMin * Math.exp(random.nextGaussian() * 0.2);
            Instant done = t.plusMillis(Math.round(1000 * service));
            for (Instant p = t.plusSeconds(30); p.isBefore(done); p = p.plusSeconds(30)) {
                events.add(ping(tech, p, toLat, toLon));
            }
            events.add(tap(tech, id, VisitStatus.COMPLETED, done));
            t = done;
            lat = toLat;
            lon = toLon;
        }
        events.addFirst(new RoutePlanned(Events.newId(), start.minus(Duration.ofHours(12)), 1, tech, "t1", day, 1,
                home, home, start, start.plus(Duration.ofHours(9)), visits));
        return events;
    }

    private static LocationPing ping(String tech, Instant at, double lat, double lon) {
        double noise = 4.0 / 111_000;
        Random r = new Random(at.toEpochMilli());
        return new LocationPing(Events.newId(), at, 1, tech, "p-" + at.toEpochMilli(), at, at,
                lat + r.nextGaussian() * noise, lon + r.nextGaussian() * noise, 6, null, null);
    }

    private static VisitStatusChanged tap(String tech, UUID visit, VisitStatus status, Instant at) {
        return new VisitStatusChanged(Events.newId(), at, 1, tech, visit, status, null, null, at, at,
                status + "-" + visit);
    }
}
