package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.EdgeIterator;
import com.graphhopper.util.EdgeIteratorState;
import io.fieldcast.roadnetwork.TravelMatrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Bucket-based many-to-many on GraphHopper's edge-based contraction hierarchy (Knopp, Sanders, Schultes, Schulz,
 * Wagner 2007; the method behind OSRM's table service).
 * <ol>
 *   <li>From every target, run a complete backward upward search and drop its settled labels into the bucket of
 *       their node: (target, weight, time, distance, edge).</li>
 *   <li>From every source, run a complete forward upward search; at every node it settled, scan that node's bucket.
 *       A shortest path in a CH goes up and then down, so its highest node is in both search spaces, and the best
 *       join over all nodes, plus the turn between the arriving and the leaving edge, is the answer.</li>
 * </ol>
 * That is N + M small searches instead of N x M bidirectional ones. Labels are edge-based so turn restrictions and
 * u-turn costs hold: a join adds GraphHopper's turn weight exactly as its one-to-one search does at its meeting
 * node, so both return the same weight; time and distance are those of the path with that weight. Two points on
 * the same stretch of road may also be joined directly along it ({@link #sameRoadPairs}).
 * <p>
 * A place's search space depends on the place only (the graph does not change), so each is kept
 * ({@link SearchSpaces}): the next matrix with a place it has seen skips that search. A booking engine asks for one
 * new address against the same few hundred stops again and again; with the stops' spaces kept that is one forward
 * and one backward search instead of one per stop.
 */
public final class ManyToMany {

    private final BaseGraph graph;
    private final RoutingCHGraph ch;
    private final EdgeCosts edgeCosts;
    private final TurnCosts turns;
    private final UpwardGraph forward;
    private final UpwardGraph backward;
    private final SearchSpaces sources = new SearchSpaces();
    private final SearchSpaces targets = new SearchSpaces();

    public ManyToMany(BaseGraph graph, RoutingCHGraph ch) {
        this.graph = graph;
        this.ch = ch;
        this.edgeCosts = EdgeCosts.compute(graph, ch);
        this.turns = new TurnCosts(graph, ch);
        this.forward = UpwardGraph.build(ch, edgeCosts, false);
        this.backward = UpwardGraph.build(ch, edgeCosts, true);
    }

    /** Runs on {@code threads} threads of {@code pool} (the caller's own thread when {@code pool} is null). */
    public TravelMatrix compute(MatrixQuery query, ExecutorService pool, int threads) {
        int nodes = graph.getNodes();
        Buckets buckets = backward(query, nodes, pool, threads);
        int rows = query.rows();
        int cols = query.cols();
        double[] seconds = new double[rows * cols];
        double[] meters = new double[rows * cols];
        double[] weights = new double[rows * cols];
        Parallel.forEachChunk(rows, pool, threads,
                () -> new ForwardJoin(search(forward, false), turns, buckets, nodes, cols), (join, i) -> {
                    Buckets.Space space = sources.get(query.sources[i]);
                    if (space == null) {
                        space = sources.keep(query.sources[i], join.searchSpace(query.sourceAnchors[i]));
                    }
                    join.run(space);
                    join.copyRow(seconds, meters, weights, i * cols);
                });
        sameRoadPairs(query, seconds, meters, weights, pool, threads);
        return new TravelMatrix(rows, cols, seconds, meters);
    }

    private Buckets backward(MatrixQuery query, int nodes, ExecutorService pool, int threads) {
        Buckets.Space[] spaces = new Buckets.Space[query.cols()];
        Parallel.forEachChunk(query.cols(), pool, threads,
                () -> new BackwardWorker(search(backward, true), new NodeGroups(turns, nodes)), (worker, j) -> {
                    Buckets.Space kept = targets.get(query.targets[j]);
                    if (kept != null) {
                        spaces[j] = kept.as(j);
                        return;
                    }
                    worker.search.run(query.targetAnchors[j]);
                    worker.groups.group(worker.search.labels);
                    spaces[j] = targets.keep(query.targets[j], Buckets.Space.of(j, worker.search.labels,
                            worker.groups));
                });
        return Buckets.build(nodes, List.of(spaces));
    }

    /**
     * Two points inside the same road segment can also be joined without passing a junction: straight along the
     * road between them, if its direction allows. The joins above found the best way through a junction; GraphHopper's
     * query graph with just these two points gives the direct stretch, and the lighter of the two wins, as in its
     * one-to-one query.
     */
    private void sameRoadPairs(MatrixQuery query, double[] seconds, double[] meters, double[] weights,
                               ExecutorService pool, int threads) {
        Map<Integer, List<Integer>> targetsByEdge = new HashMap<>();
        for (int j = 0; j < query.cols(); j++) {
            if (!query.targets[j].atTower()) {
                targetsByEdge.computeIfAbsent(query.targets[j].closestEdge().getEdge(), e -> new ArrayList<>()).add(j);
            }
        }
        Weighting weighting = ch.getWeighting();
        Parallel.forEachChunk(query.rows(), pool, threads, () -> null, (unused, i) -> {
            SnapState s = query.sources[i];
            if (s.atTower()) {
                return;
            }
            for (int j : targetsByEdge.getOrDefault(s.closestEdge().getEdge(), List.of())) {
                int cell = i * query.cols() + j;
                if (s.sameSpotAs(query.targets[j])) {
                    seconds[cell] = 0;
                    meters[cell] = 0;
                    continue;
                }
                EdgeIteratorState direct = directStretch(s, query.targets[j]);
                if (direct != null && weighting.calcEdgeWeight(direct, false) < weights[cell]) {
                    seconds[cell] = weighting.calcEdgeMillis(direct, false) / 1000.0;
                    meters[cell] = direct.getDistance();
                }
            }
        });
    }

    /** The virtual edge from one snapped point to the other on a query graph with just the two, or null. */
    private EdgeIteratorState directStretch(SnapState from, SnapState to) {
        Snap a = from.fresh();
        Snap b = to.fresh();
        QueryGraph queryGraph = QueryGraph.create(graph, a, b);
        EdgeIterator iter = queryGraph.createEdgeExplorer().setBaseNode(a.getClosestNode());
        while (iter.next()) {
            if (iter.getAdjNode() == b.getClosestNode()) {
                return iter.detach(false);
            }
        }
        return null;
    }

    private UpwardSearch search(UpwardGraph upward, boolean reverse) {
        return new UpwardSearch(ch, edgeCosts, turns, upward, reverse);
    }

    private record BackwardWorker(UpwardSearch search, NodeGroups groups) {
    }
}
