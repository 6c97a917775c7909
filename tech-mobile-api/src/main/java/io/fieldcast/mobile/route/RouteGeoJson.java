package io.fieldcast.mobile.route;

import io.fieldcast.events.GeoPosition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route as GeoJSON for the phone's map: the stops and the driving order as straight lines between them.
 * The roads underneath come separately ({@code /api/me/route/roads}), so the route stays small to refresh.
 */
final class RouteGeoJson {

    private RouteGeoJson() {
    }

    static Map<String, Object> of(RouteView route) {
        List<Object> features = new ArrayList<>();
        List<List<Double>> line = new ArrayList<>();
        add(line, route.start());
        int position = 0;
        for (RouteView.Visit visit : route.visits()) {
            position++;
            if (visit.location() == null) {
                continue;
            }
            add(line, visit.location());
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("kind", "visit");
            props.put("appointmentId", visit.appointmentId());
            props.put("sequence", visit.sequence());
            // What the technician reads: 1, 2, 3 in driving order (dispatch's sequence starts at 0).
            props.put("position", position);
            props.put("status", visit.status());
            props.put("name", visit.customerFirstName());
            features.add(feature("Point", point(visit.location()), props));
        }
        add(line, route.end());
        if (line.size() >= 2) {
            features.addFirst(feature("LineString", line, Map.of("kind", "route", "straight", true)));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private static void add(List<List<Double>> line, GeoPosition position) {
        if (position != null) {
            line.add(point(position));
        }
    }

    private static List<Double> point(GeoPosition position) {
        return List.of(position.lon(), position.lat());
    }

    private static Map<String, Object> feature(String type, Object coordinates, Map<String, Object> properties) {
        return Map.of("type", "Feature", "geometry", Map.of("type", type, "coordinates", coordinates),
                "properties", properties);
    }
}
