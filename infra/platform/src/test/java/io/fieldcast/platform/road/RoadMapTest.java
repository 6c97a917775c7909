package io.fieldcast.platform.road;

import io.fieldcast.roadnetwork.BoundingBox;
import io.fieldcast.roadnetwork.GeoPoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The road network is optional for a map: without it the map gets no streets and a straight drive, never an error. */
class RoadMapTest {

    private static final String EMPTY = "{\"type\":\"FeatureCollection\",\"features\":[]}";
    private static final List<GeoPoint> ROUTE = List.of(new GeoPoint(45.0, -30.0),
            new GeoPoint(45.01, -29.99));

    @Test
    void disabledRoadNetworkGivesNoRoads() {
        RoadMap roads = new RoadMap(settings(false, Optional.empty()), "a test map", 500, 100);

        assertFalse(roads.available());
        assertEquals(EMPTY, roads.around(ROUTE));
        assertNull(roads.drive(ROUTE), "without roads a drive is drawn straight");
    }

    @Test
    void roadNetworkThatFailsToLoadGivesNoRoadsInsteadOfFailingStartUp() {
        // A map file that is not there; the same holds for a bad city size or an unreadable cache.
        RoadMap roads = new RoadMap(settings(true, Optional.of(Path.of("target/no-such-map.osm.pbf"))), "a test map", 500, 100);

        assertFalse(roads.available());
        assertEquals(EMPTY, roads.around(ROUTE));
    }

    @Test
    void aLoadedMapDrivesAlongTheRoadsAndDrawsTheStreetsAround() {
        try (RoadMap roads = new RoadMap(settings(true, Optional.empty()), "a test map", 300, 5000)) {
            assertTrue(roads.available());
            List<GeoPoint> places;
            try (var network = RoadNetworks.open(settings(true, Optional.empty()))) {
                places = network.randomResidentialPoints(2, 11);
            }

            List<GeoPoint> drive = roads.drive(places);

            // Along the streets: many more points than the two places, and never two within 8 m of each other.
            assertTrue(drive.size() > 2, "a drive along the roads has its bends: " + drive);
            assertEquals(places.getLast(), drive.getLast(), "the drive ends at the last place");
            for (int i = 1; i < drive.size() - 1; i++) {
                assertTrue(drive.get(i - 1).metresTo(drive.get(i)) >= 8, "points thinned to a screen's need");
            }
            assertTrue(roads.around(places).contains("\"kind\":\"road\""), "the streets around are drawn");
        }
    }

    @Test
    void areaIsTheRouteGrownByTheMarginOnTheGridAndCutToTheMap() {
        RoadMap roads = new RoadMap(settings(false, Optional.empty()), "a test map", 1113.2, 100);
        BoundingBox map = new BoundingBox(44.9, -30.1, 45.015, -29.9);

        BoundingBox area = roads.area(ROUTE, map);

        // 1113.2 m is 0.01° of latitude: 44.99..45.02 on the 0.01° grid, cut to the map's top at 45.015.
        assertEquals(44.99, area.minLat(), 1e-9);
        assertEquals(45.015, area.maxLat(), 1e-9);
        // In longitude the margin is 0.01°/cos(45°) = 0.0141°: -30.0141 → -30.02 and -29.9759 → -29.97.
        assertEquals(-30.02, area.minLon(), 1e-9);
        assertEquals(-29.97, area.maxLon(), 1e-9);
    }

    @Test
    void routeOffTheMapHasNoArea() {
        RoadMap roads = new RoadMap(settings(false, Optional.empty()), "a test map", 500, 100);

        assertNull(roads.area(List.of(new GeoPoint(52.37, 4.89)), new BoundingBox(44.9, -30.1, 45.1, -29.9)));
    }

    private static RoadSettings settings(boolean enabled, Optional<Path> osmFile) {
        return new RoadSettings() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<Path> osmFile() {
                return osmFile;
            }

            @Override
            public long citySeed() {
                return 7;
            }

            @Override
            public double citySizeKm() {
                return 3;
            }

            @Override
            public Path cacheDir() {
                return Path.of("target/graph");
            }

            @Override
            public double maxSnapMeters() {
                return 500;
            }
        };
    }
}
