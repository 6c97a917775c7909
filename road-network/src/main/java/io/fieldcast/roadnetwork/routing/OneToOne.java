package io.fieldcast.roadnetwork.routing;

import com.graphhopper.routing.Path;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.ch.CHRoutingAlgorithmFactory;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.PMap;
import com.graphhopper.util.PointList;
import io.fieldcast.roadnetwork.GeoPoint;
import io.fieldcast.roadnetwork.Route;

import java.util.ArrayList;
import java.util.List;

/**
 * GraphHopper's own one-to-one query on the contraction hierarchy, on a query graph holding just the two points,
 * with GraphHopper's default algorithm for it (bidirectional A* on the edge-based CH, so turn restrictions hold).
 */
public final class OneToOne {

    private OneToOne() {
    }

    /** The snaps must be fresh: building the query graph rewrites them. */
    public static Path path(BaseGraph graph, RoutingCHGraph ch, Snap from, Snap to) {
        QueryGraph queryGraph = QueryGraph.create(graph, from, to);
        return new CHRoutingAlgorithmFactory(ch, queryGraph).createAlgo(new PMap())
                .calcPath(from.getClosestNode(), to.getClosestNode());
    }

    public static Route route(BaseGraph graph, RoutingCHGraph ch, Snap from, Snap to) {
        Path path = path(graph, ch, from, to);
        if (!path.isFound()) {
            return new Route(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
        }
        return new Route(path.getTime() / 1000.0, path.getDistance(), geometry(path.calcPoints()));
    }

    private static List<GeoPoint> geometry(PointList points) {
        List<GeoPoint> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            out.add(new GeoPoint(points.getLat(i), points.getLon(i)));
        }
        return out;
    }
}
