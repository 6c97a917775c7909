package io.fieldcast.simulator.day;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.simulator.run.Simulation;
import io.fieldcast.simulator.world.Habits;
import io.fieldcast.simulator.world.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The day engine on the services' synthetic city's real roads (the graph cached in the repository's .fieldcast/graph). */
class RoadDayTest {

    static RoadNetwork roads;

    @BeforeAll
    static void open() {
        Path cache = Path.of("").toAbsolutePath().getParent().getParent().resolve(".fieldcast/graph");
        roads = RoadNetwork.open(Simulation.servicesCity(cache));
    }

    @AfterAll
    static void close() {
        roads.close();
    }

    @Test
    void movingFixesFollowTheRoadGeometryWithinTheNoiseBound() {
        List<GeoPoint> places = roads.randomResidentialPoints(10, 3);
        TechnicianDay day = day(places, 8);
        Habits h = DayEngineTest.calm();
        Router router = new RoadRouter(roads);
        DayOutcome out = new DayEngine(1, router).simulate(day, h);
        List<GeoPoint> road = new ArrayList<>();
        List<GeoPoint> legs = new ArrayList<>(places);
        legs.add(places.getFirst());
        for (int i = 1; i < legs.size(); i++) {
            road.addAll(router.drive(legs.get(i - 1), legs.get(i)).geometry());
        }
        double bound = h.gpsNoiseMeters() * Phone.NOISE_CUT_SIGMAS * Math.sqrt(2);
        long moving = 0;
        for (PhoneOutput o : out.outputs()) {
            if (o instanceof PhoneOutput.Fix f && f.speed() != null && f.speed() > 0) {
                moving++;
                double off = nearest(GeoPoint.of(f.lat(), f.lon()), road);
                // The road is sampled every 5 m, so the nearest sample may be up to 2.5 m beyond the true distance.
                assertTrue(off <= bound + 2.5, "moving fix " + off + " m from the road, bound " + bound);
            }
        }
        assertTrue(moving > 100, "moving fixes: " + moving);
    }

    @Test
    void rushHourMakesTheSameDriveSlowerByThePersonsFactor() {
        List<GeoPoint> places = roads.randomResidentialPoints(2, 11);
        Leg leg = new RoadRouter(roads).drive(places.get(0), places.get(1));
        List<Double> rush = new ArrayList<>(Collections.nCopies(24, 1.0));
        rush.set(8, 1.5);
        Habits h = DayEngineTest.calm();
        Habits slowAtEight = new Habits(h.technicianId(), rush, h.serviceMinutes(), h.defaultService(), 0, 1,
                h.lunchMeanMin(), h.lunchSdMin(), 23 * 60, 0, 1, h.gpsNoiseMeters(), 0, 1, 0, 1, 20, false, 0,
                h.rare());
        double atEight = meanDrive(leg, slowAtEight, 8);
        double atTen = meanDrive(leg, slowAtEight, 10);
        // Factor 1.5 at 8:00 vs 1.0 at 10:00; 40 drives each average out the per-drive noise to a few percent.
        assertEquals(1.5, atEight / atTen, 0.1);
    }

    private static double meanDrive(Leg leg, Habits h, int hour) {
        double sum = 0;
        int n = 40;
        for (int i = 0; i < n; i++) {
            Driver driver = new Driver(h, ZoneOffset.UTC, Seeds.stream(5, hour, i));
            Instant start = DayEngineTest.DATE.atTime(hour, 0).toInstant(ZoneOffset.UTC);
            Phone phone = new Phone(1, "t", DayEngineTest.DATE, h, Seeds.stream(6, i), 0);
            sum += driver.drive(leg, start, phone).arrival().getEpochSecond() - start.getEpochSecond();
        }
        return sum / n;
    }

    private static TechnicianDay day(List<GeoPoint> places, int startHour) {
        List<PlannedStop> stops = new ArrayList<>();
        for (int i = 1; i < places.size(); i++) {
            Instant from = DayEngineTest.DATE.atTime(startHour + i, 0).toInstant(ZoneOffset.UTC);
            stops.add(new PlannedStop(UUID.randomUUID(), i, "REPAIR", places.get(i), from, from.plusSeconds(7200),
                    from, 60));
        }
        return new TechnicianDay("tech-01", DayEngineTest.DATE, 0, ZoneOffset.UTC,
                DayEngineTest.shift(0, startHour), DayEngineTest.shift(0, 18), places.getFirst(), places.getFirst(),
                stops);
    }

    private static double nearest(GeoPoint p, List<GeoPoint> road) {
        double best = Double.MAX_VALUE;
        for (int i = 1; i < road.size(); i++) {
            PathWalker w = new PathWalker(List.of(road.get(i - 1), road.get(i)));
            for (double m = 0; m <= w.length(); m += 5) {
                best = Math.min(best, Geo.meters(p, w.at(m)));
            }
            best = Math.min(best, Geo.meters(p, road.get(i)));
        }
        return best;
    }
}
