package io.fieldcast.roadnetwork.matrix;

import java.util.Arrays;

/**
 * One source's row of the matrix: its forward upward search, then at every node it settled, the bucket of that node.
 * Reused across sources by one thread.
 */
final class ForwardJoin {

    private final TurnCosts turns;
    private final Buckets buckets;
    private final UpwardSearch search;
    private final NodeGroups groups;
    private final double[] bestWeight;
    private final int[] bestMillis;
    private final double[] bestMeters;

    ForwardJoin(UpwardSearch search, TurnCosts turns, Buckets buckets, int nodes, int cols) {
        this.turns = turns;
        this.buckets = buckets;
        this.search = search;
        this.groups = new NodeGroups(turns, nodes);
        this.bestWeight = new double[cols];
        this.bestMillis = new int[cols];
        this.bestMeters = new double[cols];
    }

    void run(Anchor source) {
        Arrays.fill(bestWeight, Double.POSITIVE_INFINITY);
        search.run(source);
        UpwardSearch.Labels labels = search.labels;
        groups.group(labels);
        for (int k = 0; k < groups.nodeCount; k++) {
            int v = groups.nodes[k];
            joinMerged(v, labels, groups.best1(v), groups.best2(v));
        }
        for (int k = 0; k < groups.specialCount; k++) {
            joinRaw(labels, groups.special[k]);
        }
    }

    /**
     * Where turns are free except u-turns: the best forward label meets the best backward label unless both use
     * the same road, in which case the answer is a second-best on either side, or the u-turn itself.
     */
    private void joinMerged(int v, UpwardSearch.Labels l, int f1, int f2) {
        Buckets b = buckets;
        double fw1 = l.weight[f1];
        int fe1 = l.edge[f1];
        double fw2 = f2 < 0 ? Double.POSITIVE_INFINITY : l.weight[f2];
        for (int i = b.start[v], end = b.start[v + 1]; i < end; i++) {
            int t = b.target[i];
            double direct = fw1 + b.w1[i];
            if (direct >= bestWeight[t]) {
                continue; // every combination costs at least this much
            }
            if (b.e1[i] != fe1 || fe1 < 0) {
                improve(t, direct, l.millis[f1] + b.ms1[i], l.meters[f1] + b.m1[i]);
                continue;
            }
            double backwardSecond = fw1 + b.w2[i];
            double forwardSecond = fw2 + b.w1[i];
            double uTurn = direct + turns.weight(l.edge[f1], v, b.e1[i]);
            if (backwardSecond <= forwardSecond && backwardSecond <= uTurn) {
                improve(t, backwardSecond, l.millis[f1] + b.ms2[i], l.meters[f1] + b.m2[i]);
            } else if (forwardSecond <= uTurn) {
                improve(t, forwardSecond, l.millis[f2] + b.ms1[i], l.meters[f2] + b.m1[i]);
            } else {
                improve(t, uTurn, l.millis[f1] + b.ms1[i], l.meters[f1] + b.m1[i]);
            }
        }
    }

    /** At turn-restricted nodes every pair of labels is joined with GraphHopper's turn weight. */
    private void joinRaw(UpwardSearch.Labels l, int s) {
        Buckets b = buckets;
        int v = l.node[s];
        for (int i = b.rawStart[v], end = b.rawStart[v + 1]; i < end; i++) {
            int t = b.rawTarget[i];
            double total = (l.weight[s] + b.rawW[i]) + turns.weight(l.edge[s], v, b.rawEdge[i]);
            improve(t, total, l.millis[s] + b.rawMs[i], l.meters[s] + b.rawM[i]);
        }
    }

    private void improve(int t, double weight, int millis, double meters) {
        if (weight < bestWeight[t]) {
            bestWeight[t] = weight;
            bestMillis[t] = millis;
            bestMeters[t] = meters;
        }
    }

    void copyRow(double[] seconds, double[] meters, double[] weights, int offset) {
        System.arraycopy(bestWeight, 0, weights, offset, bestWeight.length);
        for (int j = 0; j < bestWeight.length; j++) {
            boolean reachable = bestWeight[j] < Double.POSITIVE_INFINITY;
            seconds[offset + j] = reachable ? bestMillis[j] / 1000.0 : Double.POSITIVE_INFINITY;
            meters[offset + j] = reachable ? bestMeters[j] : Double.POSITIVE_INFINITY;
        }
    }
}
