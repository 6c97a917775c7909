package io.fieldcast.roadnetwork.geojson;

import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.DecimalEncodedValue;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import io.fieldcast.roadnetwork.BoundingBox;
import io.fieldcast.roadnetwork.RoadClassLevel;
import io.fieldcast.roadnetwork.routing.RoadClasses;

import java.util.Locale;

/**
 * The road network as a GeoJSON FeatureCollection of LineStrings, so a console can draw roads without a tile
 * server. Each feature has {@code class} (OSM highway class), {@code level}, {@code name}, {@code oneway} and
 * {@code speed_kmh}.
 */
public final class RoadsGeoJson {

    private final BaseGraph graph;
    private final EnumEncodedValue<RoadClass> roadClass;
    private final BooleanEncodedValue access;
    private final DecimalEncodedValue speed;

    public RoadsGeoJson(BaseGraph graph, EnumEncodedValue<RoadClass> roadClass, BooleanEncodedValue access,
                        DecimalEncodedValue speed) {
        this.graph = graph;
        this.roadClass = roadClass;
        this.access = access;
        this.speed = speed;
    }

    public String write(BoundingBox bbox, RoadClassLevel level) {
        StringBuilder sb = new StringBuilder(1 << 16).append("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        AllEdgesIterator iter = graph.getAllEdges();
        while (iter.next()) {
            RoadClass rc = iter.get(roadClass);
            boolean fwd = iter.get(access);
            boolean bwd = iter.getReverse(access);
            if ((!fwd && !bwd) || !level.includes(RoadClasses.level(rc))) {
                continue;
            }
            PointList pl = iter.fetchWayGeometry(FetchMode.ALL);
            if (!touches(pl, bbox)) {
                continue;
            }
            sb.append(first ? "" : ",");
            first = false;
            feature(sb, pl, rc, iter.getName(), fwd != bwd, fwd ? iter.get(speed) : iter.getReverse(speed));
        }
        return sb.append("]}").toString();
    }

    private static void feature(StringBuilder sb, PointList pl, RoadClass rc, String name, boolean oneway,
                                double speedKmh) {
        sb.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
        for (int i = 0; i < pl.size(); i++) {
            sb.append(i == 0 ? "[" : ",[")
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", pl.getLon(i), pl.getLat(i))).append(']');
        }
        sb.append("]},\"properties\":{\"class\":\"").append(rc.toString())
                .append("\",\"level\":\"").append(RoadClasses.level(rc).name().toLowerCase(Locale.ROOT))
                .append("\",\"name\":\"").append(escape(name == null ? "" : name))
                .append("\",\"oneway\":").append(oneway)
                .append(",\"speed_kmh\":").append(Math.round(speedKmh)).append("}}");
    }

    private static boolean touches(PointList pl, BoundingBox bbox) {
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        for (int i = 0; i < pl.size(); i++) {
            minLat = Math.min(minLat, pl.getLat(i));
            maxLat = Math.max(maxLat, pl.getLat(i));
            minLon = Math.min(minLon, pl.getLon(i));
            maxLon = Math.max(maxLon, pl.getLon(i));
        }
        return bbox.intersects(new BoundingBox(minLat, minLon, maxLat, maxLon));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
