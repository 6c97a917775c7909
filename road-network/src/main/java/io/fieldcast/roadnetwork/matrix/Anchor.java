package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.util.EdgeIterator;
import com.graphhopper.util.EdgeIteratorState;

import java.util.Arrays;

/**
 * Where a snapped point enters the graph, for one search direction. A point on a junction is that node. A point in
 * the middle of a road reaches the two junctions at the road's ends (those its one-way rules allow) over the two
 * halves of the road: their weight, time and distance are read from GraphHopper's query graph with only this
 * point, exactly as a one-to-one query with this point would see them. The label carries the road's real edge,
 * which is also what GraphHopper's turn costs use for a virtual edge.
 * <p>
 * Starting the searches from junctions keeps every search on the plain hierarchy: on one query graph shared by
 * thousands of points, each virtual node would be an extra entrance to the network that other searches wander into.
 */
final class Anchor {

    final int tower;
    final int[] node;
    /** Label identity at each node, as the search keys labels that arrive (source) or leave (target) on the road. */
    final int[] key;
    final double[] weight;
    final int[] millis;
    final double[] meters;
    final int edge;
    final SnapState snap;

    private Anchor(SnapState snap, int tower, int[] node, int[] key, double[] weight, int[] millis, double[] meters,
                   int edge) {
        this.snap = snap;
        this.tower = tower;
        this.node = node;
        this.key = key;
        this.weight = weight;
        this.millis = millis;
        this.meters = meters;
        this.edge = edge;
    }

    boolean atTower() {
        return tower >= 0;
    }

    /** @param arriving true for a target (the halves are driven towards the point), false for a source */
    static Anchor of(SnapState snap, BaseGraph graph, Weighting weighting, boolean arriving) {
        if (snap.atTower()) {
            return new Anchor(snap, snap.closestNode(), new int[0], new int[0], new double[0], new int[0],
                    new double[0], EdgeIterator.NO_EDGE);
        }
        QueryGraph queryGraph = QueryGraph.create(graph, snap.fresh());
        int virtualNode = graph.getNodes();
        int[] node = new int[2];
        int[] key = new int[2];
        double[] weight = new double[2];
        int[] millis = new int[2];
        double[] meters = new double[2];
        int n = 0;
        int edge = snap.closestEdge().getEdge();
        EdgeIterator iter = queryGraph.createEdgeExplorer().setBaseNode(virtualNode);
        while (iter.next()) {
            EdgeIteratorState half = iter;
            double w = weighting.calcEdgeWeight(half, arriving);
            if (Double.isFinite(w) && iter.getAdjNode() < virtualNode) {
                node[n] = iter.getAdjNode();
                int arrivingKey = graph.getEdgeIteratorState(edge, iter.getAdjNode()).getEdgeKey();
                key[n] = arriving ? arrivingKey ^ 1 : arrivingKey;
                weight[n] = w;
                millis[n] = EdgeCosts.clamp(weighting.calcEdgeMillis(half, arriving));
                meters[n] = half.getDistance();
                n++;
            }
        }
        return new Anchor(snap, -1, Arrays.copyOf(node, n), Arrays.copyOf(key, n), Arrays.copyOf(weight, n),
                Arrays.copyOf(millis, n), Arrays.copyOf(meters, n), edge);
    }
}
