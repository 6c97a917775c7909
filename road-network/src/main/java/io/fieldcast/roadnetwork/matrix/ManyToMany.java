package io.fieldcast.roadnetwork.matrix;

import io.fieldcast.roadnetwork.TravelMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Bucket-based many-to-many on GraphHopper's edge-based contraction hierarchy (Knopp, Sanders, Schultes, Schulz,
 * Wagner 2007; the method behind OSRM's table service).
 * <ol>
 *   <li>From every target, run a complete backward upward search and drop each settled label into the bucket of its
 *       node: (target, weight, time, distance, first edge).</li>
 *   <li>From every source, run a complete forward upward search; at every settled label scan the bucket of its node.
 *       A shortest path in a CH goes up and then down, so its highest node is in both search spaces, and the best
 *       join (plus the turn between the arriving and the leaving edge) over all nodes is the answer.</li>
 * </ol>
 * That is N + M searches instead of N x M, and each search is small because it only climbs. Turn costs make the
 * labels edge-based: a join adds GraphHopper's turn weight between the two edges, exactly as its one-to-one
 * bidirectional search does at its meeting node, so both return the same weight.
 */
public final class ManyToMany {

    private final EdgeCosts edgeCosts;
    private final boolean[] restrictedNode;
    private final double uTurnWeight;

    public ManyToMany(EdgeCosts edgeCosts, boolean[] restrictedNode, double uTurnWeight) {
        this.edgeCosts = edgeCosts;
        this.restrictedNode = restrictedNode;
        this.uTurnWeight = uTurnWeight;
    }

    /** Runs on {@code threads} threads of {@code pool} (the caller's own thread when {@code pool} is null). */
    public TravelMatrix compute(MatrixQuery query, ExecutorService pool, int threads) {
        QueryCosts costs = new QueryCosts(edgeCosts, query.queryGraph, query.queryCh, restrictedNode, uTurnWeight);
        Buckets buckets = backward(query, costs, pool, threads);
        int rows = query.rows();
        int cols = query.cols();
        double[] seconds = new double[rows * cols];
        double[] meters = new double[rows * cols];
        Parallel.forEachChunk(rows, pool, threads, () -> new ForwardJoin(costs, buckets, cols), (join, i) -> {
            join.run(query.sourceNodes[i]);
            join.copyRow(seconds, meters, i * cols);
        });
        return new TravelMatrix(rows, cols, seconds, meters);
    }

    private static Buckets backward(MatrixQuery query, QueryCosts costs, ExecutorService pool, int threads) {
        List<Buckets.Space> spaces = Collections.synchronizedList(new ArrayList<>());
        Parallel.forEachChunk(query.cols(), pool, threads, () -> new UpwardSearch(costs, true), (search, j) -> {
            search.run(query.targetNodes[j]);
            spaces.add(Buckets.Space.copyOf(j, search));
        });
        // order does not change any result (every pair keeps its minimum), but sorting keeps bucket layout stable
        List<Buckets.Space> sorted = new ArrayList<>(spaces);
        sorted.sort((a, b) -> Integer.compare(a.target(), b.target()));
        return Buckets.build(query.queryGraph.getNodes(), sorted);
    }

    /** One forward search plus the bucket scans for one source; reused across sources by one thread. */
    private static final class ForwardJoin {
        private final QueryCosts costs;
        private final Buckets buckets;
        private final UpwardSearch search;
        private final double[] bestWeight;
        private final int[] bestMillis;
        private final double[] bestMeters;

        ForwardJoin(QueryCosts costs, Buckets buckets, int cols) {
            this.costs = costs;
            this.buckets = buckets;
            this.search = new UpwardSearch(costs, false);
            this.bestWeight = new double[cols];
            this.bestMillis = new int[cols];
            this.bestMeters = new double[cols];
        }

        void run(int source) {
            Arrays.fill(bestWeight, Double.POSITIVE_INFINITY);
            search.run(source);
            for (int s = 0; s < search.size; s++) {
                scan(search.outNode[s], search.outWeight[s], search.outMillis[s], search.outMeters[s],
                        search.outEdge[s]);
            }
        }

        private void scan(int node, double w, int ms, double m, int inEdge) {
            int end = buckets.start[node + 1];
            for (int b = buckets.start[node]; b < end; b++) {
                double turn = costs.turnWeight(inEdge, node, buckets.edge[b]);
                double total = (w + buckets.weight[b]) + turn;
                int t = buckets.target[b];
                if (total < bestWeight[t]) {
                    bestWeight[t] = total;
                    bestMillis[t] = ms + buckets.millis[b];
                    bestMeters[t] = m + buckets.meters[b];
                }
            }
        }

        void copyRow(double[] seconds, double[] meters, int offset) {
            for (int j = 0; j < bestWeight.length; j++) {
                boolean reachable = Double.isFinite(bestWeight[j]);
                seconds[offset + j] = reachable ? bestMillis[j] / 1000.0 : Double.POSITIVE_INFINITY;
                meters[offset + j] = reachable ? bestMeters[j] : Double.POSITIVE_INFINITY;
            }
        }
    }
}
