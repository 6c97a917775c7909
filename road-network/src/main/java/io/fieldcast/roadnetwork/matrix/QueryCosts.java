package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.querygraph.VirtualEdgeIteratorState;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.RoutingCHEdgeIteratorState;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.util.EdgeIterator;
import com.graphhopper.util.EdgeIteratorState;

/**
 * Costs as seen through one query graph: the precomputed {@link EdgeCosts} plus the virtual edges that connect the
 * snapped points, and turn weights with a fast path for the common case that can only ever be zero.
 */
final class QueryCosts {

    private final EdgeCosts costs;
    private final RoutingCHGraph queryCh;
    private final int baseNodes;
    private final int baseEdges;
    private final int[] virtualMillis;
    private final double[] virtualMeters;
    private final boolean[] restrictedNode;
    private final double uTurnWeight;
    /** Original (real) edge under each virtual edge id. */
    private final int[] originalEdge;

    QueryCosts(EdgeCosts costs, QueryGraph queryGraph, RoutingCHGraph queryCh, boolean[] restrictedNode,
               double uTurnWeight) {
        this.costs = costs;
        this.queryCh = queryCh;
        this.baseNodes = queryGraph.getBaseGraph().getNodes();
        this.baseEdges = costs.baseEdges();
        this.restrictedNode = restrictedNode;
        this.uTurnWeight = uTurnWeight;
        int virtualKeys = 2 * (queryGraph.getEdges() - baseEdges);
        this.virtualMillis = new int[virtualKeys];
        this.virtualMeters = new double[virtualKeys];
        this.originalEdge = new int[virtualKeys / 2];
        Weighting weighting = queryCh.getWeighting();
        for (int k = 0; k < virtualKeys; k++) {
            EdgeIteratorState state = queryGraph.getEdgeIteratorStateForKey(2 * baseEdges + k);
            virtualMillis[k] = EdgeCosts.clamp(weighting.calcEdgeMillis(state, false));
            virtualMeters[k] = state.getDistance();
            originalEdge[k / 2] = ((VirtualEdgeIteratorState) state).getOriginalEdgeKey() >>> 1;
        }
    }

    RoutingCHGraph graph() {
        return queryCh;
    }

    int baseNodes() {
        return baseNodes;
    }

    /** Milliseconds to drive {@code edge} in the search's travel direction. */
    int millis(RoutingCHEdgeIteratorState edge, boolean reverse) {
        if (edge.isShortcut()) {
            return reverse ? costs.shortcutMillis(edge.getEdge(), edge.getAdjNode(), edge.getBaseNode())
                    : costs.shortcutMillis(edge.getEdge(), edge.getBaseNode(), edge.getAdjNode());
        }
        int key = travelKey(edge, reverse);
        return key < 2 * baseEdges ? costs.baseMillis(key) : virtualMillis[key - 2 * baseEdges];
    }

    double meters(RoutingCHEdgeIteratorState edge, boolean reverse) {
        if (edge.isShortcut()) {
            return reverse ? costs.shortcutMeters(edge.getEdge(), edge.getAdjNode(), edge.getBaseNode())
                    : costs.shortcutMeters(edge.getEdge(), edge.getBaseNode(), edge.getAdjNode());
        }
        int key = travelKey(edge, reverse);
        return key < 2 * baseEdges ? costs.baseMeters(key) : virtualMeters[key - 2 * baseEdges];
    }

    /** Key of an original edge in the direction it is driven; a backward search walks edges against it. */
    private static int travelKey(RoutingCHEdgeIteratorState edge, boolean reverse) {
        int key = edge.getOrigEdgeKeyFirst();
        if (reverse && edge.getBaseNode() != edge.getAdjNode()) {
            key ^= 1;
        }
        return key;
    }

    /**
     * Same value as {@link RoutingCHGraph#getTurnWeight} on the query graph (GraphHopper's QueryGraphWeighting), without
     * its per-call edge explorers for the cases that are decided by edge ids alone: at a virtual node only turning
     * back is forbidden; at a real node without turn restrictions only a u-turn on the same original edge costs
     * anything. The rest (restricted nodes, u-turns involving virtual edges) asks GraphHopper.
     */
    double turnWeight(int inEdge, int viaNode, int outEdge) {
        if (inEdge == EdgeIterator.NO_EDGE || outEdge == EdgeIterator.NO_EDGE) {
            return 0;
        }
        if (viaNode >= baseNodes) {
            return inEdge == outEdge ? Double.POSITIVE_INFINITY : 0;
        }
        if (restrictedNode[viaNode]) {
            return queryCh.getTurnWeight(inEdge, viaNode, outEdge);
        }
        int in = inEdge < baseEdges ? inEdge : originalEdge[inEdge - baseEdges];
        int out = outEdge < baseEdges ? outEdge : originalEdge[outEdge - baseEdges];
        if (in != out) {
            return 0;
        }
        if (inEdge < baseEdges && outEdge < baseEdges) {
            return uTurnWeight;
        }
        return queryCh.getTurnWeight(inEdge, viaNode, outEdge);
    }
}
