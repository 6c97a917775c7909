package io.fieldcast.roadnetwork.city;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The city while it is being drawn: nodes in metres on a local plane around the centre (x east, y north), and ways
 * as node lists with OSM tags. Insertion order is kept everywhere so the same seed writes the same file.
 */
final class CityModel {

    /** What a way is, which decides what it may cross when junctions are added. */
    enum Kind { GRID, SQUARE, RADIAL, RING, MOTORWAY, ARC, BRANCH, RIVER }

    static final class Way {
        final Kind kind;
        final Map<String, String> tags = new LinkedHashMap<>();
        int[] nodes;

        Way(Kind kind, int[] nodes) {
            this.kind = kind;
            this.nodes = nodes;
        }

        Way tag(String key, String value) {
            tags.put(key, value);
            return this;
        }
    }

    /** An OSM turn restriction: from a way ending at {@code via} onto a way starting there. */
    record Restriction(Way from, int via, Way to, String type) {
    }

    private double[] xs = new double[1 << 16];
    private double[] ys = new double[1 << 16];
    private int nodeCount;
    private final Map<Integer, Map<String, String>> nodeTags = new LinkedHashMap<>();
    final List<Way> ways = new ArrayList<>();
    final List<Restriction> restrictions = new ArrayList<>();
    /** Kept so tests can check where roads cross water. */
    River river;

    int addNode(double x, double y) {
        if (nodeCount == xs.length) {
            xs = Arrays.copyOf(xs, nodeCount * 2);
            ys = Arrays.copyOf(ys, nodeCount * 2);
        }
        xs[nodeCount] = x;
        ys[nodeCount] = y;
        return nodeCount++;
    }

    double x(int node) {
        return xs[node];
    }

    double y(int node) {
        return ys[node];
    }

    int nodeCount() {
        return nodeCount;
    }

    void tagNode(int node, String key, String value) {
        nodeTags.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(key, value);
    }

    Map<String, String> nodeTags(int node) {
        return nodeTags.getOrDefault(node, Map.of());
    }

    Way addWay(Kind kind, int[] nodes) {
        if (nodes.length < 2) {
            throw new IllegalArgumentException("a way needs two nodes");
        }
        Way way = new Way(kind, nodes);
        ways.add(way);
        return way;
    }

    Way addWay(Kind kind, List<Integer> nodes) {
        return addWay(kind, nodes.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Splits a way at one of its inner nodes into two ways with the same tags, the second placed right after the
     * first, and returns both.
     */
    Way[] splitWay(Way way, int index) {
        Way first = new Way(way.kind, Arrays.copyOfRange(way.nodes, 0, index + 1));
        Way second = new Way(way.kind, Arrays.copyOfRange(way.nodes, index, way.nodes.length));
        first.tags.putAll(way.tags);
        second.tags.putAll(way.tags);
        int at = ways.indexOf(way);
        ways.set(at, first);
        ways.add(at + 1, second);
        return new Way[]{first, second};
    }

    /** The node of {@code way} nearest to (x, y). */
    int nearestNode(Way way, double x, double y) {
        int best = way.nodes[0];
        double bestD = Double.MAX_VALUE;
        for (int n : way.nodes) {
            double d = Math.hypot(xs[n] - x, ys[n] - y);
            if (d < bestD) {
                bestD = d;
                best = n;
            }
        }
        return best;
    }
}
