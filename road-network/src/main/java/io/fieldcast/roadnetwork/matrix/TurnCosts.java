package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.TurnCostStorage;
import com.graphhopper.util.EdgeIterator;

/**
 * GraphHopper's turn weight, answered without a storage lookup where the answer is known: at a node without turn
 * restrictions only a u-turn (leaving on the edge one arrived on) costs anything.
 */
final class TurnCosts {

    private final RoutingCHGraph ch;
    private final boolean[] restricted;
    private final double uTurnWeight;

    TurnCosts(BaseGraph graph, RoutingCHGraph ch) {
        this.ch = ch;
        this.restricted = new boolean[graph.getNodes()];
        TurnCostStorage storage = graph.getTurnCostStorage();
        if (storage != null) {
            TurnCostStorage.Iterator it = storage.getAllTurnCosts();
            while (it.next()) {
                restricted[it.getViaNode()] = true;
            }
        }
        // read from the weighting itself rather than from our profile constant, so the two can never disagree
        int via = graph.getEdgeIteratorState(0, Integer.MIN_VALUE).getBaseNode();
        this.uTurnWeight = ch.getWeighting().calcTurnWeight(0, via, 0);
    }

    double weight(int inEdge, int viaNode, int outEdge) {
        if (inEdge == EdgeIterator.NO_EDGE || outEdge == EdgeIterator.NO_EDGE) {
            return 0;
        }
        if (restricted[viaNode]) {
            return ch.getTurnWeight(inEdge, viaNode, outEdge);
        }
        return inEdge == outEdge ? uTurnWeight : 0;
    }

    /** Nodes whose labels are joined one by one because turns there may cost anything. */
    boolean special(int node) {
        return restricted[node];
    }

    int restrictedNodes() {
        int n = 0;
        for (boolean r : restricted) {
            n += r ? 1 : 0;
        }
        return n;
    }
}
