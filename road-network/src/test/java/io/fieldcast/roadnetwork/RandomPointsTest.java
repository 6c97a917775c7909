package io.fieldcast.roadnetwork;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomPointsTest {

    @Test
    void sameSeedGivesSamePoints() {
        RoadNetwork city = TestNetworks.smallCity();
        assertEquals(city.randomRoutablePoints(20, 5), city.randomRoutablePoints(20, 5));
        assertNotEquals(city.randomRoutablePoints(20, 5), city.randomRoutablePoints(20, 6));
    }

    @Test
    void residentialPointsLieOnResidentialStreets() throws Exception {
        RoadNetwork city = TestNetworks.smallCity();
        List<GeoPoint> points = city.randomResidentialPoints(30, 8);
        for (GeoPoint p : points) {
            // sampled on a road: snapping moves them by centimetres only
            assertTrue(city.snap(p).distanceMeters() < 0.5, "snap distance " + city.snap(p).distanceMeters());
            assertTrue(city.bounds().contains(p));
        }
        // and every one of them is on a residential street: the GeoJSON at that level nearby must include one
        var json = new ObjectMapper();
        GeoPoint p = points.getFirst();
        BoundingBox around = new BoundingBox(p.lat() - 1e-5, p.lon() - 1e-5, p.lat() + 1e-5, p.lon() + 1e-5);
        var features = json.readTree(city.roadsGeoJson(around, RoadClassLevel.ALL)).get("features");
        boolean residential = false;
        for (var f : features) {
            residential |= "residential".equals(f.get("properties").get("level").asText());
        }
        assertTrue(residential, "no residential street at " + p);
    }
}
