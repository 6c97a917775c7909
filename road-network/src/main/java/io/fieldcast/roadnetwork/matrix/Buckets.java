package io.fieldcast.roadnetwork.matrix;

import java.util.Arrays;
import java.util.List;

/**
 * The backward search spaces of all targets, grouped by node (compressed rows): at node v, every target reachable
 * from v by going up and then down the hierarchy, with the best label and the best label on another road
 * ({@link NodeGroups}). Labels at turn-restricted nodes are kept whole in a second, small table.
 */
final class Buckets {

    // merged entries, per node; the scan reads target, w1 and e1 only, the rest when a pair improves
    final int[] start;
    final int[] target;
    final double[] w1;
        final int[] e1;
    final int[] ms1;
    final double[] m1;
    final double[] w2;
    final int[] ms2;
    final double[] m2;

    // every label at special nodes, per node
    final int[] rawStart;
    final int[] rawTarget;
    final double[] rawW;
    final int[] rawMs;
    final double[] rawM;
    final int[] rawEdge;

    private Buckets(int nodes, int entries, int raw) {
        start = new int[nodes + 1];
        target = new int[entries];
        w1 = new double[entries];
        e1 = new int[entries];
        ms1 = new int[entries];
        m1 = new double[entries];
        w2 = new double[entries];
        ms2 = new int[entries];
        m2 = new double[entries];
        rawStart = new int[nodes + 1];
        rawTarget = new int[raw];
        rawW = new double[raw];
        rawMs = new int[raw];
        rawM = new double[raw];
        rawEdge = new int[raw];
    }

    /** One target's search space, merged per node and copied out of the reusable search. */
    record Space(int target, int[] node, double[] w1, int[] e1, int[] ms1, double[] m1,
                 double[] w2, int[] ms2, double[] m2,
                 int[] rawNode, double[] rawW, int[] rawMs, double[] rawM, int[] rawEdge) {

        /** The same space as column {@code column} of another matrix (a cached space is shared, never changed). */
        Space as(int column) {
            return column == target ? this : new Space(column, node, w1, e1, ms1, m1, w2, ms2, m2, rawNode, rawW,
                    rawMs, rawM, rawEdge);
        }

        static Space of(int target, UpwardSearch.Labels l, NodeGroups g) {
            int n = g.nodeCount;
            Space s = new Space(target, Arrays.copyOf(g.nodes, n), new double[n], new int[n], new int[n],
                    new double[n], new double[n], new int[n], new double[n],
                    new int[g.specialCount], new double[g.specialCount], new int[g.specialCount],
                    new double[g.specialCount], new int[g.specialCount]);
            for (int i = 0; i < n; i++) {
                int b = g.best1(s.node[i]);
                int c = g.best2(s.node[i]);
                s.w1[i] = l.weight[b];
                s.e1[i] = l.edge[b];
                s.ms1[i] = l.millis[b];
                s.m1[i] = l.meters[b];
                s.w2[i] = c < 0 ? Double.POSITIVE_INFINITY : l.weight[c];
                s.ms2[i] = c < 0 ? 0 : l.millis[c];
                s.m2[i] = c < 0 ? 0 : l.meters[c];
            }
            for (int i = 0; i < g.specialCount; i++) {
                int lab = g.special[i];
                s.rawNode[i] = l.node[lab];
                s.rawW[i] = l.weight[lab];
                s.rawMs[i] = l.millis[lab];
                s.rawM[i] = l.meters[lab];
                s.rawEdge[i] = l.edge[lab];
            }
            return s;
        }
    }

    static Buckets build(int nodes, List<Space> spaces) {
        int[] count = new int[nodes + 1];
        int[] rawCount = new int[nodes + 1];
        int entries = 0;
        int raw = 0;
        for (Space s : spaces) {
            entries += s.node.length;
            raw += s.rawNode.length;
            for (int v : s.node) {
                count[v + 1]++;
            }
            for (int v : s.rawNode) {
                rawCount[v + 1]++;
            }
        }
        Buckets b = new Buckets(nodes, entries, raw);
        for (int v = 0; v < nodes; v++) {
            b.start[v + 1] = b.start[v] + count[v + 1];
            b.rawStart[v + 1] = b.rawStart[v] + rawCount[v + 1];
        }
        int[] fill = Arrays.copyOf(b.start, nodes);
        int[] rawFill = Arrays.copyOf(b.rawStart, nodes);
        for (Space s : spaces) {
            for (int i = 0; i < s.node.length; i++) {
                b.put(fill[s.node[i]]++, s, i);
            }
            for (int i = 0; i < s.rawNode.length; i++) {
                b.putRaw(rawFill[s.rawNode[i]]++, s, i);
            }
        }
        return b;
    }

    private void put(int at, Space s, int i) {
        target[at] = s.target;
        w1[at] = s.w1[i];
        e1[at] = s.e1[i];
        ms1[at] = s.ms1[i];
        m1[at] = s.m1[i];
        w2[at] = s.w2[i];
        ms2[at] = s.ms2[i];
        m2[at] = s.m2[i];
    }

    private void putRaw(int at, Space s, int i) {
        rawTarget[at] = s.target;
        rawW[at] = s.rawW[i];
        rawMs[at] = s.rawMs[i];
        rawM[at] = s.rawM[i];
        rawEdge[at] = s.rawEdge[i];
    }

    int entries() {
        return target.length;
    }
}
