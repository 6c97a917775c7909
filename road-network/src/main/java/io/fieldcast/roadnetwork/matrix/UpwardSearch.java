package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.storage.RoutingCHEdgeExplorer;
import com.graphhopper.storage.RoutingCHEdgeIterator;
import com.graphhopper.storage.RoutingCHEdgeIteratorState;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.util.EdgeIterator;

import java.util.Arrays;

/**
 * The complete upward search space of one point in an edge-based contraction hierarchy: a Dijkstra that only climbs
 * to higher-ranked nodes, keyed by the original edge it arrived on (so turn restrictions and u-turn costs apply
 * exactly as in GraphHopper's own bidirectional CH search). Unlike a one-to-one query it never stops early: every
 * settled label may be the meeting point with some other point of the matrix.
 * <p>
 * One instance per thread; it is reused across points and overwrites its labels on every {@link #run}.
 */
final class UpwardSearch {

    private final RoutingCHGraph ch;
    private final EdgeCosts edgeCosts;
    private final TurnCosts turns;
    private final UpwardGraph upward;
    private final RoutingCHEdgeExplorer explorer;
    private final boolean reverse;

    // tentative labels by traversal key (original edge key of the last edge in travel order)
    private final double[] weight;
    private final int[] millis;
    private final double[] meters;
    private final int[] node;
    private final int[] edge;
    private final int[] seen;
    private final boolean[] settled;
    private int round;
    private final MinHeap heap = new MinHeap();

    /** Settled labels of the last run, in settling order. */
    final Labels labels = new Labels();

    UpwardSearch(RoutingCHGraph ch, EdgeCosts edgeCosts, TurnCosts turns, UpwardGraph upward, boolean reverse) {
        this.ch = ch;
        this.edgeCosts = edgeCosts;
        this.turns = turns;
        this.upward = upward;
        this.reverse = reverse;
        this.explorer = reverse ? ch.createInEdgeExplorer() : ch.createOutEdgeExplorer();
        int keys = 2 * ch.getBaseGraph().getEdges();
        weight = new double[keys];
        millis = new int[keys];
        meters = new double[keys];
        node = new int[keys];
        edge = new int[keys];
        seen = new int[keys];
        settled = new boolean[keys];
    }

    /** Explores everything reachable upwards from a point (forwards from a source, backwards from a target). */
    void run(Anchor start) {
        round++;
        heap.clear();
        labels.clear();
        if (start.atTower()) {
            labels.add(start.tower, 0, 0, 0, EdgeIterator.NO_EDGE);
            // the first step may go down: GraphHopper's edge-based CH does the same, the start has no incoming edge
            expandAll(start.tower);
        } else {
            for (int k = 0; k < start.node.length; k++) {
                relax(start.key[k], start.weight[k], start.millis[k], start.meters[k], start.node[k], start.edge);
            }
        }
        while (!heap.isEmpty()) {
            int key = heap.pop();
            if (settled[key]) {
                continue;
            }
            settled[key] = true;
            labels.add(node[key], weight[key], millis[key], meters[key], edge[key]);
            expandUpward(node[key], weight[key], millis[key], meters[key], edge[key]);
        }
    }

    private void expandUpward(int at, double w, int ms, double m, int inEdge) {
        UpwardGraph g = upward;
        for (int e = g.start[at], end = g.start[at + 1]; e < end; e++) {
            double turn = reverse ? turns.weight(g.turnEdge[e], at, inEdge) : turns.weight(inEdge, at, g.turnEdge[e]);
            // same operand order as GraphHopper's AbstractBidirCHAlgo, so both give bit-identical weights
            double newWeight = (g.weight[e] + turn) + w;
            if (newWeight < Double.POSITIVE_INFINITY) {
                relax(g.key[e], newWeight, ms + g.millis[e], m + g.meters[e], g.adj[e], g.labelEdge[e]);
            }
        }
    }

    /** Every edge at a start junction, up or down, with GraphHopper's own iterator (once per search). */
    private void expandAll(int at) {
        RoutingCHEdgeIterator iter = explorer.setBaseNode(at);
        while (iter.next()) {
            double edgeWeight = iter.getWeight(reverse);
            if (edgeWeight < Double.POSITIVE_INFINITY) {
                int labelEdge = (reverse ? iter.getOrigEdgeKeyFirst() : iter.getOrigEdgeKeyLast()) >>> 1;
                relax(traversalKey(iter, reverse), edgeWeight, edgeCosts.millis(iter, reverse),
                        edgeCosts.meters(iter, reverse), iter.getAdjNode(), labelEdge);
            }
        }
    }

    private void relax(int key, double newWeight, int ms, double m, int adjNode, int labelEdge) {
        if (seen[key] != round) {
            seen[key] = round;
            settled[key] = false;
        } else if (settled[key] || weight[key] <= newWeight) {
            return;
        }
        weight[key] = newWeight;
        millis[key] = ms;
        meters[key] = m;
        node[key] = adjNode;
        edge[key] = labelEdge;
        heap.push(newWeight, key);
    }

    /** Same identity as GraphHopper's TraversalMode.EDGE_BASED for CH edges. */
    static int traversalKey(RoutingCHEdgeIteratorState iter, boolean reverse) {
        if (!reverse) {
            return iter.getOrigEdgeKeyLast();
        }
        int key = iter.getOrigEdgeKeyFirst();
        if (!iter.isShortcut() && iter.getBaseNode() != iter.getAdjNode()) {
            key ^= 1;
        }
        return key;
    }

    /** Settled labels: where, at what weight, time and distance, and via which original edge. */
    static final class Labels {
        int size;
        int[] node = new int[256];
        double[] weight = new double[256];
        int[] millis = new int[256];
        double[] meters = new double[256];
        int[] edge = new int[256];

        void clear() {
            size = 0;
        }

        void add(int at, double w, int ms, double m, int e) {
            if (size == node.length) {
                int n = size * 2;
                node = Arrays.copyOf(node, n);
                weight = Arrays.copyOf(weight, n);
                millis = Arrays.copyOf(millis, n);
                meters = Arrays.copyOf(meters, n);
                edge = Arrays.copyOf(edge, n);
            }
            node[size] = at;
            weight[size] = w;
            millis[size] = ms;
            meters[size] = m;
            edge[size] = e;
            size++;
        }
    }
}
