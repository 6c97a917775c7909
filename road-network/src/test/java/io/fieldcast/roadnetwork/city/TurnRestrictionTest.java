package io.fieldcast.roadnetwork.city;

import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.RoadNetwork;
import io.fieldcast.roadnetwork.RoadNetworkConfig;
import io.fieldcast.roadnetwork.Route;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TurnRestrictionTest {

    /** The same small city as the other tests use, so its cached graph is shared. */
    private static final CityOptions CITY = CityOptions.of(7, 6);
    private static final Path CACHE = Path.of("target", "road-network-test-cache");

    @Test
    void cityHasBannedLeftTurnsOnSplitStreets() {
        CityModel city = SyntheticCity.build(CityOptions.of(5, 25));
        assertTrue(city.restrictions.size() > 20, "restrictions: " + city.restrictions.size());
        for (CityModel.Restriction r : city.restrictions) {
            assertEquals(r.via(), r.from().nodes[r.from().nodes.length - 1], "from-way ends at the via node");
            assertTrue(r.to().nodes[0] == r.via() || r.to().nodes[r.to().nodes.length - 1] == r.via(),
                    "to-way ends at the via node");
        }
    }

    @Test
    void bannedLeftTurnForcesADetourWhileTheRightTurnIsDirect() {
        CityModel city = SyntheticCity.build(CITY);
        OsmXmlWriter geo = new OsmXmlWriter(city, CITY.centerLat(), CITY.centerLon());
        CityModel.Restriction r = twoWayRestriction(city);
        CityModel.Way right = otherHalf(city, r);
        GeoPoint before = along(city, geo, r.via(), neighbour(r.from(), r.via()));
        GeoPoint left = along(city, geo, r.via(), neighbour(r.to(), r.via()));
        GeoPoint rightPoint = along(city, geo, r.via(), neighbour(right, r.via()));

        try (RoadNetwork network = RoadNetwork.open(RoadNetworkConfig.syntheticCity().withCity(CITY)
                .withCacheDir(CACHE).withMatrixThreads(1))) {
            Route turnRight = network.route(before, rightPoint);
            Route turnLeft = network.route(before, left);
            // both points are 30 m from the junction: turning right is about 60 m, the banned left turn must go
            // round a block (at least two more 100 m sides) or turn back somewhere
            assertTrue(turnRight.meters() < 80, "right turn " + turnRight.meters());
            assertTrue(turnLeft.meters() > 150 || turnLeft.seconds() > 40, "left turn " + turnLeft.meters() + " m");
            // and the matrix obeys the same ban
            var matrix = network.matrix(List.of(before), List.of(left, rightPoint));
            assertEquals(turnLeft.seconds(), matrix.seconds(0, 0), 0.0011);
            assertEquals(turnRight.seconds(), matrix.seconds(0, 1), 0.0011);
        }
    }

    private static CityModel.Restriction twoWayRestriction(CityModel city) {
        return city.restrictions.stream()
                .filter(r -> !r.from().tags.containsKey("oneway") && !r.to().tags.containsKey("oneway"))
                .filter(r -> r.from().nodes.length >= 2 && r.to().nodes.length >= 2)
                .findFirst().orElseThrow(() -> new AssertionError("no restriction between two-way streets"));
    }

    /** The other half of the crossing street: the right turn. */
    private static CityModel.Way otherHalf(CityModel city, CityModel.Restriction r) {
        return city.ways.stream()
                .filter(w -> w != r.to() && w.kind == CityModel.Kind.GRID && neighbour(w, r.via()) >= 0
                        && w.tags.get("name").equals(r.to().tags.get("name")))
                .findFirst().orElseThrow();
    }

    /** The node next to {@code via} on a way that ends there, or -1. */
    private static int neighbour(CityModel.Way way, int via) {
        if (way.nodes[0] == via) {
            return way.nodes[1];
        }
        return way.nodes[way.nodes.length - 1] == via ? way.nodes[way.nodes.length - 2] : -1;
    }

    /** A point 30 m from {@code via} towards {@code toward}. */
    private static GeoPoint along(CityModel city, OsmXmlWriter geo, int via, int toward) {
        double dx = city.x(toward) - city.x(via);
        double dy = city.y(toward) - city.y(via);
        double f = 30 / Math.hypot(dx, dy);
        int tmp = city.addNode(city.x(via) + f * dx, city.y(via) + f * dy);
        return new GeoPoint(geo.lat(tmp), geo.lon(tmp));
    }
}
