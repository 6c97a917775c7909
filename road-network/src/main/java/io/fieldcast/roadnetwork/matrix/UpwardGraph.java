package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.storage.RoutingCHEdgeExplorer;
import com.graphhopper.storage.RoutingCHEdgeIterator;
import com.graphhopper.storage.RoutingCHGraph;

import java.util.Arrays;

/**
 * The upward half of the contraction hierarchy in one direction, copied into flat arrays (compressed rows per node).
 * A search spends nearly all its time relaxing these edges; reading them from arrays instead of through
 * GraphHopper's iterator objects, and with weight, time, distance and label keys ready, makes each relaxation a few
 * array reads. Nodes next to a snapped point still go through GraphHopper's query graph, which adds virtual edges.
 */
final class UpwardGraph {

    /** Ints per edge in {@link #ints}: adjacent node, turn edge, label edge, label key, milliseconds. */
    static final int INTS = 5;
    /** Doubles per edge in {@link #doubles}: weight, metres. */
    static final int DOUBLES = 2;

    final int[] start;
    /**
     * Per edge, interleaved so one relaxation touches two cache lines instead of seven: the adjacent node; the
     * original edge at the base node (for the turn weight there); the original edge at the adjacent node (carried
     * by the new label for its next turn); the new label's identity, as GraphHopper's edge-based traversal defines
     * it; and the travel time.
     */
    final int[] ints;
    /** Per edge: the CH weight in the search direction and the distance. */
    final double[] doubles;

    private UpwardGraph(int nodes, int edges) {
        start = new int[nodes + 1];
        ints = new int[edges * INTS];
        doubles = new double[edges * DOUBLES];
    }

    static UpwardGraph build(RoutingCHGraph ch, EdgeCosts costs, boolean reverse) {
        RoutingCHEdgeExplorer explorer = reverse ? ch.createInEdgeExplorer() : ch.createOutEdgeExplorer();
        int nodes = ch.getNodes();
        int[] count = new int[nodes];
        int total = 0;
        for (int v = 0; v < nodes; v++) {
            RoutingCHEdgeIterator iter = explorer.setBaseNode(v);
            while (iter.next()) {
                if (usable(ch, iter, reverse)) {
                    count[v]++;
                    total++;
                }
            }
        }
        UpwardGraph g = new UpwardGraph(nodes, total);
        for (int v = 0; v < nodes; v++) {
            g.start[v + 1] = g.start[v] + count[v];
        }
        int[] fill = Arrays.copyOf(g.start, nodes);
        for (int v = 0; v < nodes; v++) {
            RoutingCHEdgeIterator iter = explorer.setBaseNode(v);
            while (iter.next()) {
                if (usable(ch, iter, reverse)) {
                    g.set(fill[v]++, iter, costs, reverse);
                }
            }
        }
        return g;
    }

    /** GraphHopper's CH level filter (climb only), and a finite weight in the search direction. */
    private static boolean usable(RoutingCHGraph ch, RoutingCHEdgeIterator iter, boolean reverse) {
        return ch.getLevel(iter.getBaseNode()) <= ch.getLevel(iter.getAdjNode())
                && Double.isFinite(iter.getWeight(reverse));
    }

    private void set(int e, RoutingCHEdgeIterator iter, EdgeCosts costs, boolean reverse) {
        int i = e * INTS;
        ints[i] = iter.getAdjNode();
        ints[i + 1] = (reverse ? iter.getOrigEdgeKeyLast() : iter.getOrigEdgeKeyFirst()) >>> 1;
        ints[i + 2] = (reverse ? iter.getOrigEdgeKeyFirst() : iter.getOrigEdgeKeyLast()) >>> 1;
        ints[i + 3] = UpwardSearch.traversalKey(iter, reverse);
        ints[i + 4] = costs.millis(iter, reverse);
        doubles[e * DOUBLES] = iter.getWeight(reverse);
        doubles[e * DOUBLES + 1] = costs.meters(iter, reverse);
    }

    int edges() {
        return start[start.length - 1];
    }
}
