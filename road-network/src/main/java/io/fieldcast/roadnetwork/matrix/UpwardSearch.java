package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.storage.RoutingCHEdgeExplorer;
import com.graphhopper.storage.RoutingCHEdgeIterator;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.util.EdgeIterator;

import java.util.Arrays;

/**
 * The complete upward search space of one point in an edge-based contraction hierarchy: a Dijkstra that only climbs
 * to higher-ranked nodes, keyed by the original edge it arrived on (so turn restrictions and u-turn costs apply
 * exactly as in GraphHopper's own bidirectional CH search). Unlike a one-to-one query it never stops early: every
 * settled label may be the meeting point with some other point of the matrix.
 * <p>
 * One instance per thread; it is reused across points and overwrites its result on every {@link #run}.
 */
final class UpwardSearch {

    private final QueryCosts costs;
    private final RoutingCHGraph graph;
    private final RoutingCHEdgeExplorer explorer;
    private final boolean reverse;
    private final int baseNodes;

    // labels by traversal key (original edge key of the last edge in travel order)
    private final double[] weight;
    private final int[] millis;
    private final double[] meters;
    private final int[] node;
    private final int[] edge;
    private final int[] seen;
    private final boolean[] settled;
    private int round;
    private final MinHeap heap = new MinHeap();

    // settled labels of the last run, in settling order; index 0 is the start point itself
    int size;
    int[] outNode = new int[256];
    double[] outWeight = new double[256];
    int[] outMillis = new int[256];
    double[] outMeters = new double[256];
    int[] outEdge = new int[256];

    UpwardSearch(QueryCosts costs, boolean reverse) {
        this.costs = costs;
        this.graph = costs.graph();
        this.reverse = reverse;
        this.explorer = reverse ? graph.createInEdgeExplorer() : graph.createOutEdgeExplorer();
        this.baseNodes = costs.baseNodes();
        int keys = 2 * graph.getBaseGraph().getEdges();
        weight = new double[keys];
        millis = new int[keys];
        meters = new double[keys];
        node = new int[keys];
        edge = new int[keys];
        seen = new int[keys];
        settled = new boolean[keys];
    }

    /** Explores everything reachable upwards from {@code start} (forwards, or backwards for a target). */
    void run(int start) {
        round++;
        heap.clear();
        size = 0;
        record(start, 0, 0, 0, EdgeIterator.NO_EDGE);
        // the first step may go down: GraphHopper's edge-based CH does the same, the start has no incoming edge
        expand(start, 0, 0, 0, EdgeIterator.NO_EDGE, false);
        while (!heap.isEmpty()) {
            int key = heap.pop();
            if (settled[key]) {
                continue;
            }
            settled[key] = true;
            record(node[key], weight[key], millis[key], meters[key], edge[key]);
            expand(node[key], weight[key], millis[key], meters[key], edge[key], true);
        }
    }

    private void expand(int at, double w, int ms, double m, int inEdge, boolean upwardOnly) {
        RoutingCHEdgeIterator iter = explorer.setBaseNode(at);
        while (iter.next()) {
            if (upwardOnly && !upward(iter.getBaseNode(), iter.getAdjNode())) {
                continue;
            }
            double edgeWeight = iter.getWeight(reverse);
            if (Double.isInfinite(edgeWeight)) {
                continue;
            }
            int firstOrLast = reverse ? iter.getOrigEdgeKeyLast() : iter.getOrigEdgeKeyFirst();
            double turn = reverse ? costs.turnWeight(firstOrLast >>> 1, at, inEdge)
                    : costs.turnWeight(inEdge, at, firstOrLast >>> 1);
            // same operand order as GraphHopper's AbstractBidirCHAlgo, so both give bit-identical weights
            double newWeight = (edgeWeight + turn) + w;
            if (Double.isInfinite(newWeight)) {
                continue;
            }
            int key = traversalKey(iter);
            if (seen[key] == round && (settled[key] || weight[key] <= newWeight)) {
                continue;
            }
            if (seen[key] != round) {
                seen[key] = round;
                settled[key] = false;
            }
            weight[key] = newWeight;
            millis[key] = ms + costs.millis(iter, reverse);
            meters[key] = m + costs.meters(iter, reverse);
            node[key] = iter.getAdjNode();
            edge[key] = (reverse ? iter.getOrigEdgeKeyFirst() : iter.getOrigEdgeKeyLast()) >>> 1;
            heap.push(newWeight, key);
        }
    }

    /** GraphHopper's CH level filter: climb only, and always allow the virtual edges around snapped points. */
    private boolean upward(int base, int adj) {
        if (base >= baseNodes || adj >= baseNodes) {
            return true;
        }
        return graph.getLevel(base) <= graph.getLevel(adj);
    }

    /** Same identity as GraphHopper's TraversalMode.EDGE_BASED for CH edges. */
    private int traversalKey(RoutingCHEdgeIterator iter) {
        if (!reverse) {
            return iter.getOrigEdgeKeyLast();
        }
        int key = iter.getOrigEdgeKeyFirst();
        if (!iter.isShortcut() && iter.getBaseNode() != iter.getAdjNode()) {
            key ^= 1;
        }
        return key;
    }

    private void record(int at, double w, int ms, double m, int e) {
        if (size == outNode.length) {
            int n = size * 2;
            outNode = Arrays.copyOf(outNode, n);
            outWeight = Arrays.copyOf(outWeight, n);
            outMillis = Arrays.copyOf(outMillis, n);
            outMeters = Arrays.copyOf(outMeters, n);
            outEdge = Arrays.copyOf(outEdge, n);
        }
        outNode[size] = at;
        outWeight[size] = w;
        outMillis[size] = ms;
        outMeters[size] = m;
        outEdge[size] = e;
        size++;
    }
}
