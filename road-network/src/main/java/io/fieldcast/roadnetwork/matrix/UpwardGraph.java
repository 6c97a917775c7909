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

    final int[] start;
    final int[] adj;
    final double[] weight;
    /** Original edge at the base node, for the turn weight there. */
    final int[] turnEdge;
    /** Original edge at the adjacent node, carried by the new label for the next turn. */
    final int[] labelEdge;
    /** Label identity at the adjacent node, as GraphHopper's edge-based traversal defines it. */
    final int[] key;
    final int[] millis;
    final double[] meters;

    private UpwardGraph(int nodes, int edges) {
        start = new int[nodes + 1];
        adj = new int[edges];
        weight = new double[edges];
        turnEdge = new int[edges];
        labelEdge = new int[edges];
        key = new int[edges];
        millis = new int[edges];
        meters = new double[edges];
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
        adj[e] = iter.getAdjNode();
        weight[e] = iter.getWeight(reverse);
        turnEdge[e] = (reverse ? iter.getOrigEdgeKeyLast() : iter.getOrigEdgeKeyFirst()) >>> 1;
        labelEdge[e] = (reverse ? iter.getOrigEdgeKeyFirst() : iter.getOrigEdgeKeyLast()) >>> 1;
        key[e] = UpwardSearch.traversalKey(iter, reverse);
        millis[e] = costs.millis(iter, reverse);
        meters[e] = costs.meters(iter, reverse);
    }

    int edges() {
        return adj.length;
    }
}
