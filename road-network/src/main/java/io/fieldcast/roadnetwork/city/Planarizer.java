package io.fieldcast.roadnetwork.city;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns crossings into junctions: where an arterial crosses another road a shared node is inserted into both, as in
 * real OSM data where roads that meet share a node. Roads that should pass over each other are simply not paired.
 */
final class Planarizer {

    private static final double CELL = 250;

    private record Segment(CityModel.Way way, int index) {
    }

    private record Insert(int segment, double t, int node) {
    }

    private final CityModel city;
    private final Map<Long, List<Segment>> cells = new HashMap<>();
    private final Map<CityModel.Way, List<Insert>> inserts = new IdentityHashMap<>();
    private int junctions;

    Planarizer(CityModel city) {
        this.city = city;
    }

    /** Adds junctions and returns how many. */
    int run() {
        index(EnumSet.of(CityModel.Kind.GRID, CityModel.Kind.RING, CityModel.Kind.MOTORWAY));
        for (CityModel.Way way : List.copyOf(city.ways)) {
            if (way.kind == CityModel.Kind.RADIAL) {
                cut(way, EnumSet.of(CityModel.Kind.GRID, CityModel.Kind.RING, CityModel.Kind.MOTORWAY));
            } else if (way.kind == CityModel.Kind.RING) {
                cut(way, EnumSet.of(CityModel.Kind.GRID));
            }
        }
        inserts.forEach(this::apply);
        return junctions;
    }

    private void index(Set<CityModel.Kind> kinds) {
        for (CityModel.Way way : city.ways) {
            if (!kinds.contains(way.kind)) {
                continue;
            }
            for (int s = 0; s + 1 < way.nodes.length; s++) {
                for (long cell : cellsOf(way.nodes[s], way.nodes[s + 1])) {
                    cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(new Segment(way, s));
                }
            }
        }
    }

    private void cut(CityModel.Way cutter, Set<CityModel.Kind> targets) {
        for (int s = 0; s + 1 < cutter.nodes.length; s++) {
            int a = cutter.nodes[s];
            int b = cutter.nodes[s + 1];
            Set<Segment> seen = new LinkedHashSet<>();
            for (long cell : cellsOf(a, b)) {
                seen.addAll(cells.getOrDefault(cell, List.of()));
            }
            for (Segment other : seen) {
                if (other.way != cutter && targets.contains(other.way.kind)) {
                    intersect(cutter, s, other);
                }
            }
        }
    }

    private void intersect(CityModel.Way cutter, int s, Segment other) {
        int a = cutter.nodes[s];
        int b = cutter.nodes[s + 1];
        int c = other.way.nodes[other.index];
        int d = other.way.nodes[other.index + 1];
        if (a == c || a == d || b == c || b == d) {
            return;
        }
        double rx = city.x(b) - city.x(a);
        double ry = city.y(b) - city.y(a);
        double sx = city.x(d) - city.x(c);
        double sy = city.y(d) - city.y(c);
        double denom = rx * sy - ry * sx;
        if (Math.abs(denom) < 1e-9) {
            return;
        }
        double qx = city.x(c) - city.x(a);
        double qy = city.y(c) - city.y(a);
        double t = (qx * sy - qy * sx) / denom;
        double u = (qx * ry - qy * rx) / denom;
        if (t <= 0 || t >= 1 || u <= 0 || u >= 1) {
            return;
        }
        int node = city.addNode(city.x(a) + t * rx, city.y(a) + t * ry);
        inserts.computeIfAbsent(cutter, w -> new ArrayList<>()).add(new Insert(s, t, node));
        inserts.computeIfAbsent(other.way, w -> new ArrayList<>()).add(new Insert(other.index, u, node));
        junctions++;
    }

    private void apply(CityModel.Way way, List<Insert> list) {
        list.sort(Comparator.comparingInt(Insert::segment).thenComparingDouble(Insert::t));
        int[] out = new int[way.nodes.length + list.size()];
        int o = 0;
        int next = 0;
        for (int s = 0; s < way.nodes.length; s++) {
            out[o++] = way.nodes[s];
            while (next < list.size() && list.get(next).segment == s) {
                out[o++] = list.get(next++).node;
            }
        }
        way.nodes = out;
    }

    private List<Long> cellsOf(int a, int b) {
        int x0 = (int) Math.floor(Math.min(city.x(a), city.x(b)) / CELL);
        int x1 = (int) Math.floor(Math.max(city.x(a), city.x(b)) / CELL);
        int y0 = (int) Math.floor(Math.min(city.y(a), city.y(b)) / CELL);
        int y1 = (int) Math.floor(Math.max(city.y(a), city.y(b)) / CELL);
        List<Long> out = new ArrayList<>();
        for (int x = x0; x <= x1; x++) {
            for (int y = y0; y <= y1; y++) {
                out.add(((long) x << 32) ^ (y & 0xffffffffL));
            }
        }
        return out;
    }
}
