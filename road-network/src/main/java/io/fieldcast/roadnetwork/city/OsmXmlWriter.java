package io.fieldcast.roadnetwork.city;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the city as OSM XML 0.6, the same format a real extract uses, so it goes through GraphHopper's importer
 * unchanged. Numbers are formatted by hand (no locale, fixed 7 decimals) so a seed always gives the same bytes.
 */
final class OsmXmlWriter {

    private static final double METERS_PER_DEGREE = 111_320;

    private final CityModel city;
    private final double centerLat;
    private final double centerLon;
    private final double metersPerDegreeLon;

    OsmXmlWriter(CityModel city, double centerLat, double centerLon) {
        this.city = city;
        this.centerLat = centerLat;
        this.centerLon = centerLon;
        this.metersPerDegreeLon = METERS_PER_DEGREE * Math.cos(Math.toRadians(centerLat));
    }

    void write(Path file) throws IOException {
        boolean[] used = usedNodes();
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.write("<osm version=\"0.6\" generator=\"fieldcast-synthetic-city\">\n");
            for (int n = 0; n < city.nodeCount(); n++) {
                if (used[n]) {
                    writeNode(w, n);
                }
            }
            Map<CityModel.Way, Long> wayIds = new IdentityHashMap<>();
            for (CityModel.Way way : city.ways) {
                wayIds.put(way, wayIds.size() + 1L);
                writeWay(w, wayIds.get(way), way);
            }
            long relationId = 1;
            for (CityModel.Restriction r : city.restrictions) {
                writeRestriction(w, relationId++, r, wayIds);
            }
            w.write("</osm>\n");
        }
    }

    double lat(int node) {
        return centerLat + city.y(node) / METERS_PER_DEGREE;
    }

    double lon(int node) {
        return centerLon + city.x(node) / metersPerDegreeLon;
    }

    private boolean[] usedNodes() {
        boolean[] used = new boolean[city.nodeCount()];
        for (CityModel.Way way : city.ways) {
            for (int n : way.nodes) {
                used[n] = true;
            }
        }
        return used;
    }

    private void writeNode(Writer w, int n) throws IOException {
        w.write(" <node id=\"");
        w.write(Long.toString(n + 1L));
        w.write("\" version=\"1\" lat=\"");
        w.write(fixed7(lat(n)));
        w.write("\" lon=\"");
        w.write(fixed7(lon(n)));
        Map<String, String> tags = city.nodeTags(n);
        if (tags.isEmpty()) {
            w.write("\"/>\n");
            return;
        }
        w.write("\">\n");
        writeTags(w, tags);
        w.write(" </node>\n");
    }

    private void writeWay(Writer w, long id, CityModel.Way way) throws IOException {
        w.write(" <way id=\"");
        w.write(Long.toString(id));
        w.write("\" version=\"1\">\n");
        for (int n : way.nodes) {
            w.write("  <nd ref=\"");
            w.write(Long.toString(n + 1L));
            w.write("\"/>\n");
        }
        writeTags(w, way.tags);
        w.write(" </way>\n");
    }

    private static void writeRestriction(Writer w, long id, CityModel.Restriction r, Map<CityModel.Way, Long> wayIds)
            throws IOException {
        w.write(" <relation id=\"" + id + "\" version=\"1\">\n");
        w.write("  <member type=\"way\" ref=\"" + wayIds.get(r.from()) + "\" role=\"from\"/>\n");
        w.write("  <member type=\"node\" ref=\"" + (r.via() + 1L) + "\" role=\"via\"/>\n");
        w.write("  <member type=\"way\" ref=\"" + wayIds.get(r.to()) + "\" role=\"to\"/>\n");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("type", "restriction");
        tags.put("restriction", r.type());
        writeTags(w, tags);
        w.write(" </relation>\n");
    }

    private static void writeTags(Writer w, Map<String, String> tags) throws IOException {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            w.write("  <tag k=\"");
            w.write(escape(tag.getKey()));
            w.write("\" v=\"");
            w.write(escape(tag.getValue()));
            w.write("\"/>\n");
        }
    }

    /** Fixed-point with 7 decimals (about 1 cm), independent of locale and of Double.toString's shortest form. */
    static String fixed7(double value) {
        long scaled = Math.round(value * 1e7);
        String sign = scaled < 0 ? "-" : "";
        long abs = Math.abs(scaled);
        String frac = Long.toString(abs % 10_000_000L);
        return sign + abs / 10_000_000L + "." + "0".repeat(7 - frac.length()) + frac;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
