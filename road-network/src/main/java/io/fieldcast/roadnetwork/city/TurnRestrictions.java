package io.fieldcast.roadnetwork.city;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Banned left turns at some old-town crossings, written as OSM turn-restriction relations so the import and the
 * routing see them exactly as they would in a real extract. OSM wants the from- and to-ways to end at the via
 * node, so both streets are split there.
 */
final class TurnRestrictions {

    /** Share of plain four-way grid crossings that get a banned left turn. */
    private static final double PROBABILITY = 0.012;

    private record Occurrence(CityModel.Way way, int index) {
    }

    private TurnRestrictions() {
    }

    static int add(CityModel city, Random random) {
        Set<CityModel.Way> split = new HashSet<>();
        int added = 0;
        for (Map.Entry<Integer, List<Occurrence>> crossing : crossings(city).entrySet()) {
            List<Occurrence> ways = crossing.getValue();
            if (ways.size() != 2 || random.nextDouble() >= PROBABILITY) {
                continue;
            }
            Occurrence a = ways.get(0);
            Occurrence b = ways.get(1);
            if (a.way == b.way || split.contains(a.way) || split.contains(b.way)) {
                continue;
            }
            split.add(a.way);
            split.add(b.way);
            restrictLeftTurn(city, crossing.getKey(), a, b);
            added++;
        }
        return added;
    }

    /** Grid nodes in the middle of exactly two streets, by node id so the order does not depend on hashing. */
    private static TreeMap<Integer, List<Occurrence>> crossings(CityModel city) {
        Map<Integer, List<Occurrence>> byNode = new HashMap<>();
        for (CityModel.Way way : city.ways) {
            if (way.kind != CityModel.Kind.GRID) {
                continue;
            }
            for (int i = 1; i < way.nodes.length - 1; i++) {
                byNode.computeIfAbsent(way.nodes[i], n -> new ArrayList<>()).add(new Occurrence(way, i));
            }
        }
        return new TreeMap<>(byNode);
    }

    private static void restrictLeftTurn(CityModel city, int via, Occurrence a, Occurrence b) {
        CityModel.Way[] from = city.splitWay(a.way, a.index);
        CityModel.Way[] to = city.splitWay(b.way, b.index);
        // arriving on the first half of street a; the half of b that lies to the left of that heading is banned
        int before = from[0].nodes[from[0].nodes.length - 2];
        double hx = city.x(via) - city.x(before);
        double hy = city.y(via) - city.y(before);
        int towardsFirst = to[0].nodes[to[0].nodes.length - 2];
        double tx = city.x(towardsFirst) - city.x(via);
        double ty = city.y(towardsFirst) - city.y(via);
        CityModel.Way left = hx * ty - hy * tx > 0 ? to[0] : to[1];
        city.restrictions.add(new CityModel.Restriction(from[0], via, left, "no_left_turn"));
    }
}
