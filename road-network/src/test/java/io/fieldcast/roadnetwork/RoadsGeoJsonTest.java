package io.fieldcast.roadnetwork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoadsGeoJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wholeCityAtAllLevelsIsAFeatureCollectionOfLineStrings() throws Exception {
        RoadNetwork city = TestNetworks.smallCity();
        JsonNode root = JSON.readTree(city.roadsGeoJson(city.bounds(), RoadClassLevel.ALL));
        assertEquals("FeatureCollection", root.get("type").asText());
        assertEquals(city.edgeCount(), root.get("features").size(), 0.1 * city.edgeCount(),
                "about one feature per road edge");
        JsonNode first = root.get("features").get(0);
        assertEquals("LineString", first.get("geometry").get("type").asText());
        assertTrue(first.get("geometry").get("coordinates").size() >= 2);
    }

    @Test
    void primaryLevelLeavesOutResidentialStreets() throws Exception {
        RoadNetwork city = TestNetworks.smallCity();
        JsonNode features = JSON.readTree(city.roadsGeoJson(city.bounds(), RoadClassLevel.PRIMARY)).get("features");
        Set<String> classes = new HashSet<>();
        features.forEach(f -> classes.add(f.get("properties").get("class").asText()));
        assertFalse(features.isEmpty());
        assertTrue(Set.of("motorway", "trunk", "primary").containsAll(classes), "classes " + classes);
    }

    @Test
    void boundingBoxKeepsOnlyRoadsThatTouchIt() throws Exception {
        RoadNetwork city = TestNetworks.smallCity();
        GeoPoint c = city.bounds().center();
        BoundingBox small = new BoundingBox(c.lat() - 0.002, c.lon() - 0.003, c.lat() + 0.002, c.lon() + 0.003);
        JsonNode features = JSON.readTree(city.roadsGeoJson(small, RoadClassLevel.ALL)).get("features");
        JsonNode all = JSON.readTree(city.roadsGeoJson(city.bounds(), RoadClassLevel.ALL)).get("features");
        assertTrue(features.size() > 10 && features.size() < all.size() / 4, features.size() + " of " + all.size());
        for (JsonNode f : features) {
            assertTrue(touches(f.get("geometry").get("coordinates"), small), "feature outside the box");
        }
    }

    private static boolean touches(JsonNode coordinates, BoundingBox box) {
        double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
        for (JsonNode p : coordinates) {
            minLon = Math.min(minLon, p.get(0).asDouble());
            maxLon = Math.max(maxLon, p.get(0).asDouble());
            minLat = Math.min(minLat, p.get(1).asDouble());
            maxLat = Math.max(maxLat, p.get(1).asDouble());
        }
        return box.intersects(new BoundingBox(minLat, minLon, maxLat, maxLon));
    }
}
