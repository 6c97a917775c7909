package io.fieldcast.platform.road;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoadFeaturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** road-network's shape: one feature per edge with class, level, name, oneway and speed. */
    private static final String EDGES = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[-30.000001,45.000001],[-30.010004,45.0]]},
              "properties":{"class":"primary","level":"primary","name":"Main","oneway":false,"speed_kmh":50}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[-30.0,45.0],[-30.0,45.01]]},
              "properties":{"class":"residential","level":"residential","name":"Elm","oneway":false,"speed_kmh":30}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[-30.0,45.01],[-30.0,45.02]]},
              "properties":{"class":"residential","level":"residential","name":"Oak","oneway":true,"speed_kmh":30}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[-30.0,45.0],[-30.000001,45.000002]]},
              "properties":{"class":"residential","level":"residential","name":"Stub","oneway":false,"speed_kmh":30}}
            ]}""";

    @Test
    void edgesBecomeOneRoadFeaturePerLevelWithFiveDecimals() throws Exception {
        JsonNode roads = JSON.readTree(RoadFeatures.compact(EDGES, 100));

        // Small streets first (drawn under the big roads); the 20 cm stub vanishes once rounded to a point.
        assertEquals(List.of("residential", "primary"), levels(roads));
        JsonNode residential = roads.at("/features/0");
        assertEquals("road", residential.at("/properties/kind").asText());
        assertEquals("MultiLineString", residential.at("/geometry/type").asText());
        assertEquals(2, residential.at("/geometry/coordinates").size());
        assertEquals("[[-30.0,45.0],[-30.01,45.0]]", roads.at("/features/1/geometry/coordinates/0").toString());
    }

    @Test
    void overTheLimitTheSmallerStreetsAreLeftOutFirst() throws Exception {
        JsonNode roads = JSON.readTree(RoadFeatures.compact(EDGES, 2));

        // Three segments are one too many: the two residential ones go, the primary stays.
        assertEquals(List.of("primary"), levels(roads));
    }

    @Test
    void noRoadsIsAnEmptyCollection() throws Exception {
        String none = RoadFeatures.compact("{\"type\":\"FeatureCollection\",\"features\":[]}", 10);

        assertEquals(0, JSON.readTree(none).path("features").size());
    }

    private static List<String> levels(JsonNode roads) {
        List<String> levels = new ArrayList<>();
        roads.path("features").forEach(f -> levels.add(f.at("/properties/level").asText()));
        return levels;
    }
}
