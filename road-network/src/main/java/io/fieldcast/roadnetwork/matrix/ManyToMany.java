package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.Path;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import io.fieldcast.roadnetwork.TravelMatrix;
import io.fieldcast.roadnetwork.routing.OneToOne;

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
 * node, so both return the same weight; time and distance are those of the path with that weight. The only pairs
 * that never meet at a junction, two points on the same stretch of road, are asked of GraphHopper directly.
 */
public final class ManyToMany {

    private final BaseGraph graph;
    private final RoutingCHGraph ch;
    private final EdgeCosts edgeCosts;
    private final TurnCosts turns;
    private final UpwardGraph forward;
    private final UpwardGraph backward;

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
        Parallel.forEachChunk(rows, pool, threads,
                () -> new ForwardJoin(search(forward, false), turns, buckets, nodes, cols), (join, i) -> {
                    join.run(query.sourceAnchors[i]);
                    join.copyRow(seconds, meters, i * cols);
                });
        sameRoadPairs(query, seconds, meters, pool, threads);
        return new TravelMatrix(rows, cols, seconds, meters);
    }

    private Buckets backward(MatrixQuery query, int nodes, ExecutorService pool, int threads) {
        Buckets.Space[] spaces = new Buckets.Space[query.cols()];
        Parallel.forEachChunk(query.cols(), pool, threads,
                () -> new BackwardWorker(search(backward, true), new NodeGroups(turns, nodes)), (worker, j) -> {
                    worker.search.run(query.targetAnchors[j]);
                    worker.groups.group(worker.search.labels);
                    spaces[j] = Buckets.Space.of(j, worker.search.labels, worker.groups);
                });
        return Buckets.build(nodes, List.of(spaces));
    }

    /** Two points inside the same road segment can be joined without passing a junction. */
    private void sameRoadPairs(MatrixQuery query, double[] seconds, double[] meters, ExecutorService pool,
                               int threads) {
        Map<Integer, List<Integer>> targetsByEdge = new HashMap<>();
        for (int j = 0; j < query.cols(); j++) {
            if (!query.targets[j].atTower()) {
                targetsByEdge.computeIfAbsent(query.targets[j].closestEdge().getEdge(), e -> new ArrayList<>()).add(j);
            }
        }
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
                Path path = OneToOne.path(graph, ch, s.fresh(), query.targets[j].fresh());
                seconds[cell] = path.isFound() ? path.getTime() / 1000.0 : Double.POSITIVE_INFINITY;
                meters[cell] = path.isFound() ? path.getDistance() : Double.POSITIVE_INFINITY;
            }
        });
    }

    private UpwardSearch search(UpwardGraph upward, boolean reverse) {
        return new UpwardSearch(ch, edgeCosts, turns, upward, reverse);
    }

    private record BackwardWorker(UpwardSearch search, NodeGroups groups) {
    }
}
