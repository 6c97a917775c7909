package io.fieldcast.mobile.road;

import io.fieldcast.events.GeoPosition;
import io.fieldcast.platform.road.RoadSettings;
import io.fieldcast.roadnetwork.BoundingBox;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The road network is optional: without it the phone gets an empty collection, never an error. */
class RoadsTest {

    private static final String EMPTY = "{\"type\":\"FeatureCollection\",\"features\":[]}";
    private static final List<GeoPosition> ROUTE = List.of(new GeoPosition(45.0, -30.0),
            new GeoPosition(45.01, -29.99));

    @Test
    void disabledRoadNetworkGivesNoRoads() {
        Roads roads = new Roads(settings(false, Optional.empty()), 500, 100);

        assertFalse(roads.available());
        assertEquals(EMPTY, roads.around(ROUTE));
    }

    @Test
    void roadNetworkThatFailsToLoadGivesNoRoadsInsteadOfFailingStartUp() {
        // A map file that is not there; the same holds for a bad city size or an unreadable cache.
        Roads roads = new Roads(settings(true, Optional.of(Path.of("target/no-such-map.osm.pbf"))), 500, 100);

        assertFalse(roads.available());
        assertEquals(EMPTY, roads.around(ROUTE));
    }

    @Test
    void areaIsTheRouteGrownByTheMarginOnTheGridAndCutToTheMap() {
        Roads roads = new Roads(settings(false, Optional.empty()), 1113.2, 100);
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
        Roads roads = new Roads(settings(false, Optional.empty()), 500, 100);

        assertNull(roads.area(List.of(new GeoPosition(52.37, 4.89)), new BoundingBox(44.9, -30.1, 45.1, -29.9)));
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
                return 2;
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
