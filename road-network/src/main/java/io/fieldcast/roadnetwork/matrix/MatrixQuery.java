package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.querygraph.QueryRoutingCHGraph;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.index.Snap;

import java.util.ArrayList;
import java.util.List;

/**
 * Sources and targets placed on one query graph. Points snapped onto the middle of a road get a virtual node there,
 * so a trip starts and ends where the address is, not at the next junction. All points of a matrix share the query
 * graph, and the one-to-one comparison runs on the same graph, so both see exactly the same roads.
 */
public final class MatrixQuery {

    final QueryGraph queryGraph;
    final QueryRoutingCHGraph queryCh;
    final int[] sourceNodes;
    final int[] targetNodes;

    private MatrixQuery(QueryGraph queryGraph, QueryRoutingCHGraph queryCh, int[] sourceNodes, int[] targetNodes) {
        this.queryGraph = queryGraph;
        this.queryCh = queryCh;
        this.sourceNodes = sourceNodes;
        this.targetNodes = targetNodes;
    }

    /** The snaps must be fresh from the location index: building the query graph rewrites their closest node. */
    public static MatrixQuery of(BaseGraph graph, RoutingCHGraph ch, List<Snap> sources, List<Snap> targets) {
        List<Snap> all = new ArrayList<>(sources.size() + targets.size());
        all.addAll(sources);
        all.addAll(targets);
        QueryGraph queryGraph = QueryGraph.create(graph, all);
        int[] sourceNodes = sources.stream().mapToInt(Snap::getClosestNode).toArray();
        int[] targetNodes = targets.stream().mapToInt(Snap::getClosestNode).toArray();
        return new MatrixQuery(queryGraph, new QueryRoutingCHGraph(ch, queryGraph), sourceNodes, targetNodes);
    }

    public int rows() {
        return sourceNodes.length;
    }

    public int cols() {
        return targetNodes.length;
    }
}
