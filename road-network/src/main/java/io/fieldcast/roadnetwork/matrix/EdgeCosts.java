package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHEdgeExplorer;
import com.graphhopper.storage.RoutingCHEdgeIterator;
import com.graphhopper.storage.RoutingCHEdgeIteratorState;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.util.EdgeIteratorState;
import io.fieldcast.roadnetwork.graph.Progress;

import java.util.Arrays;

/**
 * Travel time and distance of every edge and shortcut of the contraction hierarchy, in each direction a search can
 * use it. GraphHopper's shortcuts only store a routing weight (which mixes time, distance and preferences), so the
 * many-to-many would otherwise have to unpack every one of the N x M paths to report seconds and metres. Times are
 * GraphHopper's own per-edge milliseconds, summed exactly like its one-to-one path extraction does.
 */
public final class EdgeCosts {

    private final int baseEdges;
    /** Indexed by edge key (2 * edge + direction). */
    private final int[] baseMillis;
    private final double[] baseMeters;
    /** Indexed by 2 * shortcut + (from node &lt;= to node ? 0 : 1). */
    private final int[] shortcutMillis;
    private final double[] shortcutMeters;

    private EdgeCosts(int baseEdges, int[] baseMillis, double[] baseMeters, int[] shortcutMillis,
                      double[] shortcutMeters) {
        this.baseEdges = baseEdges;
        this.baseMillis = baseMillis;
        this.baseMeters = baseMeters;
        this.shortcutMillis = shortcutMillis;
        this.shortcutMeters = shortcutMeters;
    }

    public static EdgeCosts compute(BaseGraph graph, RoutingCHGraph ch) {
        long start = System.nanoTime();
        Weighting weighting = ch.getWeighting();
        int edges = graph.getEdges();
        int[] millis = new int[2 * edges];
        double[] meters = new double[2 * edges];
        for (int e = 0; e < edges; e++) {
            EdgeIteratorState state = graph.getEdgeIteratorState(e, Integer.MIN_VALUE);
            millis[2 * e] = clamp(weighting.calcEdgeMillis(state, false));
            millis[2 * e + 1] = clamp(weighting.calcEdgeMillis(state, true));
            meters[2 * e] = state.getDistance();
            meters[2 * e + 1] = state.getDistance();
        }
        int shortcuts = ch.getShortcuts();
        int[] scMillis = new int[2 * shortcuts];
        double[] scMeters = new double[2 * shortcuts];
        fillShortcuts(ch, edges, scMillis, scMeters);
        Progress.log("road-network: travel times of %,d edges and %,d shortcuts ready in %d ms", edges, shortcuts,
                (System.nanoTime() - start) / 1_000_000);
        return new EdgeCosts(edges, millis, meters, scMillis, scMeters);
    }

    /**
     * Sums each shortcut's original edges once per direction it can be used in, splitting it into its two skipped
     * edges the way GraphHopper's ShortcutUnpacker does, and remembering every shortcut already summed: each
     * shortcut costs one addition instead of a walk over its whole path.
     */
    private static void fillShortcuts(RoutingCHGraph ch, int baseEdges, int[] millis, double[] meters) {
        Arrays.fill(millis, -1);
        ShortcutSums sums = new ShortcutSums(ch, baseEdges, millis, meters);
        RoutingCHEdgeExplorer out = ch.createOutEdgeExplorer();
        RoutingCHEdgeExplorer in = ch.createInEdgeExplorer();
        for (int node = 0; node < ch.getNodes(); node++) {
            for (boolean reverse : new boolean[]{false, true}) {
                RoutingCHEdgeIterator iter = (reverse ? in : out).setBaseNode(node);
                while (iter.next()) {
                    if (iter.isShortcut()) {
                        int from = reverse ? iter.getAdjNode() : iter.getBaseNode();
                        int to = reverse ? iter.getBaseNode() : iter.getAdjNode();
                        sums.shortcut(iter.getEdge(), from, to);
                    }
                }
            }
        }
    }

    /** Memoised recursion over skipped edges; a slot's millis stay -1 until it is summed. */
    private record ShortcutSums(RoutingCHGraph ch, int baseEdges, int[] millis, double[] meters) {

        /** Sums the shortcut driven from {@code from} to {@code to}; returns its slot. */
        int shortcut(int chEdge, int from, int to) {
            int slot = 2 * (chEdge - baseEdges) + (from <= to ? 0 : 1);
            if (millis[slot] >= 0) {
                return slot;
            }
            RoutingCHEdgeIteratorState sc = ch.getEdgeIteratorState(chEdge, to);
            if (ch.isEdgeBased()) {
                RoutingCHEdgeIteratorState second = ch.getEdgeIteratorState(sc.getSkippedEdge2(), to);
                RoutingCHEdgeIteratorState first = ch.getEdgeIteratorState(sc.getSkippedEdge1(), second.getBaseNode());
                long ms = part(first) + part(second);
                millis[slot] = clamp(ms);
                meters[slot] = partMeters(first) + partMeters(second);
            } else {
                throw new IllegalStateException("the many-to-many needs an edge-based contraction hierarchy");
            }
            return slot;
        }

        private long part(RoutingCHEdgeIteratorState edge) {
            if (edge.isShortcut()) {
                return millis[shortcut(edge.getEdge(), edge.getBaseNode(), edge.getAdjNode())];
            }
            EdgeIteratorState base = ch.getBaseGraph().getEdgeIteratorState(edge.getOrigEdge(), edge.getAdjNode());
            return ch.getWeighting().calcEdgeMillis(base, false);
        }

        private double partMeters(RoutingCHEdgeIteratorState edge) {
            if (edge.isShortcut()) {
                return meters[shortcut(edge.getEdge(), edge.getBaseNode(), edge.getAdjNode())];
            }
            return ch.getBaseGraph().getEdgeIteratorState(edge.getOrigEdge(), edge.getAdjNode()).getDistance();
        }
    }

    /** Milliseconds to drive a CH edge of the base graph in the travel direction of a forward or backward search. */
    int millis(RoutingCHEdgeIteratorState edge, boolean reverse) {
        if (edge.isShortcut()) {
            return reverse ? shortcutMillis(edge.getEdge(), edge.getAdjNode(), edge.getBaseNode())
                    : shortcutMillis(edge.getEdge(), edge.getBaseNode(), edge.getAdjNode());
        }
        return baseMillis[travelKey(edge, reverse)];
    }

    double meters(RoutingCHEdgeIteratorState edge, boolean reverse) {
        if (edge.isShortcut()) {
            return reverse ? shortcutMeters(edge.getEdge(), edge.getAdjNode(), edge.getBaseNode())
                    : shortcutMeters(edge.getEdge(), edge.getBaseNode(), edge.getAdjNode());
        }
        return baseMeters[travelKey(edge, reverse)];
    }

    /** Key of an original edge in the direction it is driven; a backward search walks edges against it. */
    static int travelKey(RoutingCHEdgeIteratorState edge, boolean reverse) {
        int key = edge.getOrigEdgeKeyFirst();
        if (reverse && edge.getBaseNode() != edge.getAdjNode()) {
            key ^= 1;
        }
        return key;
    }

    static int clamp(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    int baseEdges() {
        return baseEdges;
    }

    int baseMillis(int edgeKey) {
        return baseMillis[edgeKey];
    }

    double baseMeters(int edgeKey) {
        return baseMeters[edgeKey];
    }

    int shortcutMillis(int chEdge, int from, int to) {
        return shortcutMillis[2 * (chEdge - baseEdges) + (from <= to ? 0 : 1)];
    }

    double shortcutMeters(int chEdge, int from, int to) {
        return shortcutMeters[2 * (chEdge - baseEdges) + (from <= to ? 0 : 1)];
    }
}
