package io.fieldcast.mobile.route;

import io.fieldcast.events.GeoPosition;
import io.fieldcast.roadnetwork.GeoPoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The route as GeoJSON for the phone's map: the stops, and the drive through them in order along the roads (or
 * straight lines between them, marked {@code straight}, when the service has no road network). The streets
 * underneath come separately ({@code /api/me/route/roads}), so the route stays small to refresh.
 */
final class RouteGeoJson {

    private RouteGeoJson() {
    }

    /** With straight lines between the stops. */
    static Map<String, Object> of(RouteView route) {
        return of(route, places -> null);
    }

    /**
     * @param roads the drive along the roads through the given places in order, or null to draw it straight
     */
    static Map<String, Object> of(RouteView route, Function<List<GeoPoint>, List<GeoPoint>> roads) {
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
            List<GeoPoint> drive = roads.apply(line.stream().map(p -> new GeoPoint(p.get(1), p.get(0))).toList());
            features.addFirst(drive == null
                    ? feature("LineString", line, Map.of("kind", "route", "straight", true))
                    : feature("LineString", drive.stream().map(RouteGeoJson::rounded).toList(),
                    Map.of("kind", "route", "straight", false)));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private static void add(List<List<Double>> line, GeoPosition position) {
        if (position != null) {
            line.add(point(position));
        }
    }

    /** Six decimals (a tenth of a metre): plenty for a phone's screen. */
    private static List<Double> rounded(GeoPoint p) {
        return List.of(Math.round(p.lon() * 1e6) / 1e6, Math.round(p.lat() * 1e6) / 1e6);
    }

    private static List<Double> point(GeoPosition position) {
        return List.of(position.lon(), position.lat());
    }

    private static Map<String, Object> feature(String type, Object coordinates, Map<String, Object> properties) {
        return Map.of("type", "Feature", "geometry", Map.of("type", type, "coordinates", coordinates),
                "properties", properties);
    }
}
