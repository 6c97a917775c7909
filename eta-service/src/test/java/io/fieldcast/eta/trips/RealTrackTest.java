package io.fieldcast.eta.trips;

import io.fieldcast.eta.history.Tap;
import io.fieldcast.eta.road.RoadLeg;
import io.fieldcast.events.VisitStatus;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Trip mining on a real GPS track (the Andorra map-matching track from the shared data), timed by the road
 * network of the Andorra extract: the technician drives the track 30 % slower than the map says, taps nothing on
 * arrival and completes 20 minutes late. The miner must find the arrival from the trace and the slow-down factor.
 */
class RealTrackTest {

    private static final double SLOWER_THAN_MAP = 1.3;
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static RoadNetwork roads;

    @BeforeAll
    static void openMap() {
        Path osm = dataDir().resolve("osm").resolve("andorra.osm.pbf");
        assumeTrue(Files.isRegularFile(osm), "shared map data not found at " + osm.toAbsolutePath()
                + "; set FIELDCAST_DATA_DIR to run the real-track test");
        roads = RoadNetwork.open(RoadNetworkConfig.osm(osm).withCacheDir(Path.of("target", "graph")));
    }

    @AfterAll
    static void close() {
        if (roads != null) {
            roads.close();
        }
    }

    @Test
    void arrivalWithoutTapAndTravelFactorAreMinedFromTheRealTrack() throws IOException {
        List<GeoPoint> track = readGpx(dataDir().resolve("osm").resolve("andorra_for_map_matching.gpx"));
        assertTrue(track.size() > 20, "track has " + track.size() + " points");

        // Time the track by the map: each segment takes its road-network time (between snapped points) x 1.3.
        List<TracePoint> trace = new ArrayList<>();
        Instant t = T0;
        for (int i = 0; i < 40; i++) {      // 10 min at the first customer, a fix every 15 s
            trace.add(new TracePoint(t, track.getFirst().lat(), track.getFirst().lon(), 6));
            t = t.plusSeconds(15);
        }
        Instant left = t.minusSeconds(15);
        double mapSeconds = 0;
        for (int i = 1; i < track.size(); i++) {
            double s = roads.route(snap(track.get(i - 1)), snap(track.get(i))).seconds();
            mapSeconds += s;
            // The phone fixes every 5 s along the segment (at least once per segment).
            long segmentMillis = Math.round(1000 * s * SLOWER_THAN_MAP);
            int fixes = (int) Math.max(1, segmentMillis / 5000);
            for (int f = 1; f <= fixes; f++) {
                double w = (double) f / fixes;
                GeoPoint p0 = track.get(i - 1);
                GeoPoint p1 = track.get(i);
                trace.add(new TracePoint(t.plusMillis(segmentMillis * f / fixes),
                        p0.lat() + w * (p1.lat() - p0.lat()), p0.lon() + w * (p1.lon() - p0.lon()), 6));
            }
            t = t.plusMillis(segmentMillis);
        }
        Instant trueArrival = t;
        for (int i = 0; i < 80; i++) {      // 20 min at the second customer
            t = t.plusSeconds(15);
            trace.add(new TracePoint(t, track.getLast().lat(), track.getLast().lon(), 6));
        }
        Instant trueLeft = t;
        for (int i = track.size() - 2; i >= 0; i--) {   // then drives back along the track
            t = t.plusSeconds(4);
            trace.add(new TracePoint(t, track.get(i).lat(), track.get(i).lon(), 6));
        }
        Place a = new Place(UUID.randomUUID(), "repair", track.getFirst().lat(), track.getFirst().lon());
        Place b = new Place(UUID.randomUUID(), "install", track.getLast().lat(), track.getLast().lon());
        List<Tap> taps = List.of(new Tap(a.appointmentId(), VisitStatus.COMPLETED, left),
                new Tap(b.appointmentId(), VisitStatus.COMPLETED, trueLeft.plus(Duration.ofMinutes(20))));
        RoadLeg.Timer timer = (fLat, fLon, tLat, tLon) -> {
            var route = roads.route(snap(new GeoPoint(fLat, fLon)), snap(new GeoPoint(tLat, tLon)));
            return new RoadLeg(route.seconds(), route.meters());
        };

        MinedVisit mined = new TripMiner(TripMiner.Settings.defaults(), timer)
                .mine(Place.start(a.lat(), a.lon()), List.of(a, b), trace, taps).get(1);

        double direct = mined.road().seconds();
        System.out.printf("TRACK points=%d map_s=%.0f direct_s=%.0f mined_travel_s=%.0f factor=%.2f "
                        + "arrival_error_s=%d driven_m=%.0f road_m=%.0f%n", track.size(), mapSeconds, direct,
                mined.travelSeconds(), mined.travelFactor(),
                Duration.between(trueArrival, mined.arrival()).toSeconds(), mined.drivenMeters(), mined.road().meters());
        assertEquals(ArrivalSource.TRACE, mined.arrivalSource());
        // Fixes every 5 s: the arrival is found within a couple of fixes.
        assertEquals(0, Duration.between(trueArrival, mined.arrival()).toSeconds(), 10);
        // The drive is short (~70 s over 550 m): the 80 m arrival radius at ~8 m/s blurs each end by up to ~10 s.
        double trueTravel = SLOWER_THAN_MAP * mapSeconds;
        assertEquals(trueTravel, mined.travelSeconds(), 15);
        // The track is not the fastest route (the direct one is shorter), so the factor against the direct route is
        // 1.3 x track time / direct time, within the same 15 s.
        assertEquals(trueTravel / direct, mined.travelFactor(), 15 / direct);
        assertEquals(Duration.between(trueArrival, trueLeft).toSeconds(), mined.serviceSeconds(), 30, "service ends when the trace leaves, not at the late tap");
    }

    private static GeoPoint snap(GeoPoint p) {
        return roads.snap(p).point();
    }

    static List<GeoPoint> readGpx(Path file) throws IOException {
        Matcher m = Pattern.compile("<trkpt lat=\"([-0-9.]+)\" lon=\"([-0-9.]+)\"").matcher(Files.readString(file));
        List<GeoPoint> points = new ArrayList<>();
        while (m.find()) {
            points.add(new GeoPoint(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
        }
        return points;
    }

    static Path dataDir() {
        String env = System.getenv("FIELDCAST_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of("..", "..", "shared", "data");
    }
}
