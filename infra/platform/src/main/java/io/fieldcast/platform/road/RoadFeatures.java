package io.fieldcast.platform.road;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fieldcast.roadnetwork.RoadClassLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Shrinks road-network's GeoJSON for a phone: one MultiLineString per road level (kind "road") instead of a
 * feature with name, class and speed per edge, coordinates to five decimals (about a metre), and at most
 * {@code maxSegments} segments, leaving the smaller streets out first.
 */
public final class RoadFeatures {

    public static final String EMPTY = "{\"type\":\"FeatureCollection\",\"features\":[]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoadFeatures() {
    }

    public static String compact(String roadsGeoJson, int maxSegments) {
        TreeMap<RoadClassLevel, List<String>> byLevel = new TreeMap<>();
        for (JsonNode feature : parse(roadsGeoJson).path("features")) {
            String line = line(feature.path("geometry").path("coordinates"));
            if (line != null) {
                byLevel.computeIfAbsent(level(feature), k -> new ArrayList<>()).add(line);
            }
        }
        int total = byLevel.values().stream().mapToInt(List::size).sum();
        // Leave out whole levels from the smallest up; the biggest roads always stay (cut to the limit).
        while (total > maxSegments && byLevel.size() > 1) {
            total -= byLevel.pollLastEntry().getValue().size();
        }
        StringBuilder sb = new StringBuilder(64 + total * 48).append("{\"type\":\"FeatureCollection\",\"features\":[");
        String separator = "";
        // Small streets first, so the big roads are drawn over them.
        for (var level : byLevel.descendingMap().entrySet()) {
            List<String> lines = level.getValue().subList(0, Math.min(level.getValue().size(), maxSegments));
            sb.append(separator).append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiLineString\",")
                    .append("\"coordinates\":[").append(String.join(",", lines)).append("]},")
                    .append("\"properties\":{\"kind\":\"road\",\"level\":\"")
                    .append(level.getKey().name().toLowerCase(Locale.ROOT)).append("\"}}");
            separator = ",";
        }
        return sb.append("]}").toString();
    }

    private static JsonNode parse(String geoJson) {
        try {
            return JSON.readTree(geoJson);
        } catch (IOException e) {
            throw new UncheckedIOException("road-network wrote unreadable GeoJSON", e);
        }
    }

    private static RoadClassLevel level(JsonNode feature) {
        String level = feature.path("properties").path("level").asText("all");
        try {
            return RoadClassLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return RoadClassLevel.ALL;
        }
    }

    /** The line with rounded coordinates and points that rounding made equal dropped; null when nothing is left. */
    private static String line(JsonNode coordinates) {
        List<String> points = new ArrayList<>();
        String previous = null;
        for (JsonNode c : coordinates) {
            String point = String.format(Locale.ROOT, "[%.5f,%.5f]", c.get(0).asDouble(), c.get(1).asDouble());
            if (!point.equals(previous)) {
                points.add(point);
            }
            previous = point;
        }
        return points.size() < 2 ? null : "[" + String.join(",", points) + "]";
    }
}
