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

    // Tentative labels by traversal key, interleaved so a relaxation touches two cache lines: per key the ints
    // (stamp, node, edge, milliseconds) and the doubles (weight, metres). The stamp is +round while tentative and
    // -round once settled, so nothing needs clearing between searches.
    private final int[] ints;
    private final double[] doubles;
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
        ints = new int[keys * 4];
        doubles = new double[keys * 2];
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
            int i = key * 4;
            if (ints[i] == -round) {
                continue;
            }
            ints[i] = -round;
            int at = ints[i + 1];
            double w = doubles[key * 2];
            double m = doubles[key * 2 + 1];
            labels.add(at, w, ints[i + 3], m, ints[i + 2]);
            expandUpward(at, w, ints[i + 3], m, ints[i + 2]);
        }
    }

    private void expandUpward(int at, double w, int ms, double m, int inEdge) {
        int[] gi = upward.ints;
        double[] gd = upward.doubles;
        for (int e = upward.start[at], end = upward.start[at + 1]; e < end; e++) {
            int i = e * UpwardGraph.INTS;
            int d = e * UpwardGraph.DOUBLES;
            double turn = reverse ? turns.weight(gi[i + 1], at, inEdge) : turns.weight(inEdge, at, gi[i + 1]);
            // same operand order as GraphHopper's AbstractBidirCHAlgo, so both give bit-identical weights
            double newWeight = (gd[d] + turn) + w;
            if (newWeight < Double.POSITIVE_INFINITY) {
                relax(gi[i + 3], newWeight, ms + gi[i + 4], m + gd[d + 1], gi[i], gi[i + 2]);
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
        int i = key * 4;
        int stamp = ints[i];
        if (stamp == -round || (stamp == round && doubles[key * 2] <= newWeight)) {
            return;
        }
        ints[i] = round;
        ints[i + 1] = adjNode;
        ints[i + 2] = labelEdge;
        ints[i + 3] = ms;
        doubles[key * 2] = newWeight;
        doubles[key * 2 + 1] = m;
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
