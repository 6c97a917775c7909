package io.fieldcast.roadnetwork;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapTest {

    @Test
    void pointOnRoadSnapsOntoItself() {
        RoadNetwork network = TestNetworks.smallCity();
        GeoPoint onRoad = network.randomRoutablePoints(1, 1).getFirst();
        Snapped snapped = network.snap(onRoad);
        // sampled points lie on the edge geometry; the planar projection differs from the index's by centimetres
        assertEquals(0, snapped.distanceMeters(), 0.5);
        assertEquals(onRoad, snapped.query());
    }

    @Test
    void pointBesideRoadSnapsToNearestRoadWithItsDistance() {
        RoadNetwork network = TestNetworks.smallCity();
        GeoPoint onRoad = network.randomResidentialPoints(1, 2).getFirst();
        GeoPoint beside = new GeoPoint(onRoad.lat() + 0.0001, onRoad.lon());
        Snapped snapped = network.snap(beside);
        // 0.0001 degrees of latitude is 11.1 m; the nearest road can only be closer
        assertTrue(snapped.distanceMeters() <= 11.2, "distance " + snapped.distanceMeters());
        assertTrue(network.bounds().contains(snapped.point()));
    }

    @Test
    void pointOffTheMapIsRefusedWithAClearMessage() {
        RoadNetwork network = TestNetworks.smallCity();
        GeoPoint paris = new GeoPoint(48.8566, 2.3522);
        SnapException e = assertThrows(SnapException.class, () -> network.snap(paris));
        assertTrue(e.getMessage().contains("off the map"), e.getMessage());
        assertEquals(paris, e.point());
    }

    @Test
    void pointFartherThanTheLimitIsRefusedWithDistanceAndLimit() {
        RoadNetwork city = TestNetworks.smallCity();
        RoadNetworkConfig strict = city.config().withMaxSnapDistanceMeters(3);
        try (RoadNetwork network = RoadNetwork.open(strict)) {
            GeoPoint onRoad = network.randomResidentialPoints(1, 3).getFirst();
            // ~30 m east and north: inside the city, but not within 3 m of a road unless it lands on another one
            GeoPoint off = farFromRoads(network, onRoad);
            SnapException e = assertThrows(SnapException.class, () -> network.snap(off));
            assertTrue(e.distanceMeters() > 3, "distance " + e.distanceMeters());
            assertEquals(3, e.maxDistanceMeters(), 0.0);
            assertTrue(e.getMessage().contains("limit of 3 m"), e.getMessage());
        }
    }

    @Test
    void matrixWithAnOffMapPointFailsBeforeAnyWork() {
        RoadNetwork network = TestNetworks.smallCity();
        List<GeoPoint> points = List.of(network.randomRoutablePoints(1, 4).getFirst(), new GeoPoint(0, 0));
        assertThrows(SnapException.class, () -> network.matrix(points, points));
    }

    private static GeoPoint farFromRoads(RoadNetwork network, GeoPoint start) {
        for (int k = 1; k < 50; k++) {
            GeoPoint candidate = new GeoPoint(start.lat() + k * 0.00013, start.lon() + k * 0.00017);
            try {
                network.snap(candidate);
            } catch (SnapException e) {
                return candidate;
            }
        }
        throw new AssertionError("every probe was within 3 m of a road");
    }
}
