package io.fieldcast.roadnetwork.matrix;

import java.util.List;

/**
 * The backward search spaces of all targets, grouped by node (compressed rows): at node v, every target that can be
 * reached upwards-then-downwards from v, with the weight, time, distance and first edge of that path.
 */
final class Buckets {

    final int[] start;
    final int[] target;
    final double[] weight;
    final int[] millis;
    final double[] meters;
    final int[] edge;

    private Buckets(int nodes, int entries) {
        start = new int[nodes + 1];
        target = new int[entries];
        weight = new double[entries];
        millis = new int[entries];
        meters = new double[entries];
        edge = new int[entries];
    }

    /** One search space, already copied out of its {@link UpwardSearch}. */
    record Space(int target, int[] node, double[] weight, int[] millis, double[] meters, int[] edge, int size) {

        static Space copyOf(int target, UpwardSearch s) {
            return new Space(target, java.util.Arrays.copyOf(s.outNode, s.size),
                    java.util.Arrays.copyOf(s.outWeight, s.size), java.util.Arrays.copyOf(s.outMillis, s.size),
                    java.util.Arrays.copyOf(s.outMeters, s.size), java.util.Arrays.copyOf(s.outEdge, s.size), s.size);
        }
    }

    static Buckets build(int nodes, List<Space> spaces) {
        int entries = 0;
        int[] count = new int[nodes + 1];
        for (Space s : spaces) {
            entries += s.size;
            for (int i = 0; i < s.size; i++) {
                count[s.node[i] + 1]++;
            }
        }
        Buckets b = new Buckets(nodes, entries);
        for (int v = 0; v < nodes; v++) {
            b.start[v + 1] = b.start[v] + count[v + 1];
        }
        int[] fill = java.util.Arrays.copyOf(b.start, nodes);
        for (Space s : spaces) {
            for (int i = 0; i < s.size; i++) {
                int at = fill[s.node[i]]++;
                b.target[at] = s.target;
                b.weight[at] = s.weight[i];
                b.millis[at] = s.millis[i];
                b.meters[at] = s.meters[i];
                b.edge[at] = s.edge[i];
            }
        }
        return b;
    }

    int entries() {
        return target.length;
    }
}
