package io.fieldcast.roadnetwork.matrix;

import java.util.Arrays;

/**
 * One source's row of the matrix: its forward upward search space (searched now or kept from an earlier matrix), then
 * at every node of it, the bucket of that node. Reused across sources by one thread.
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

    /** The source's forward search space, merged per node as a target's is ({@link Buckets.Space}). */
    Buckets.Space searchSpace(Anchor source) {
        search.run(source);
        UpwardSearch.Labels labels = search.labels;
        groups.group(labels);
        return Buckets.Space.of(0, labels, groups);
    }

    /** The row of a source whose search space is {@code s} (fresh from {@link #searchSpace} or cached). */
    void run(Buckets.Space s) {
        Arrays.fill(bestWeight, Double.POSITIVE_INFINITY);
        for (int k = 0; k < s.node().length; k++) {
            joinMerged(s.node()[k], s.w1()[k], s.e1()[k], s.ms1()[k], s.m1()[k], s.w2()[k], s.ms2()[k], s.m2()[k]);
        }
        for (int k = 0; k < s.rawNode().length; k++) {
            joinRaw(s.rawNode()[k], s.rawW()[k], s.rawMs()[k], s.rawM()[k], s.rawEdge()[k]);
        }
    }

    /**
     * Where turns are free except u-turns: the best forward label meets the best backward label unless both use
     * the same road, in which case the answer is a second-best on either side, or the u-turn itself.
     */
    private void joinMerged(int v, double fw1, int fe1, int fms1, double fm1, double fw2, int fms2, double fm2) {
        Buckets b = buckets;
        for (int i = b.start[v], end = b.start[v + 1]; i < end; i++) {
            int t = b.target[i];
            double direct = fw1 + b.w1[i];
            if (direct >= bestWeight[t]) {
                continue; // every combination costs at least this much
            }
            if (b.e1[i] != fe1 || fe1 < 0) {
                improve(t, direct, fms1 + b.ms1[i], fm1 + b.m1[i]);
                continue;
            }
            double backwardSecond = fw1 + b.w2[i];
            double forwardSecond = fw2 + b.w1[i];
            double uTurn = direct + turns.weight(fe1, v, b.e1[i]);
            if (backwardSecond <= forwardSecond && backwardSecond <= uTurn) {
                improve(t, backwardSecond, fms1 + b.ms2[i], fm1 + b.m2[i]);
            } else if (forwardSecond <= uTurn) {
                improve(t, forwardSecond, fms2 + b.ms1[i], fm2 + b.m1[i]);
            } else {
                improve(t, uTurn, fms1 + b.ms1[i], fm1 + b.m1[i]);
            }
        }
    }

    /** At turn-restricted nodes every pair of labels is joined with GraphHopper's turn weight. */
    private void joinRaw(int v, double w, int ms, double m, int edge) {
        Buckets b = buckets;
        for (int i = b.rawStart[v], end = b.rawStart[v + 1]; i < end; i++) {
            int t = b.rawTarget[i];
            double total = (w + b.rawW[i]) + turns.weight(edge, v, b.rawEdge[i]);
            improve(t, total, ms + b.rawMs[i], m + b.rawM[i]);
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
