package io.fieldcast.roadnetwork.routing;

import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import io.fieldcast.roadnetwork.GeoPoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Draws positions on routable roads, uniformly per metre of road, so dense neighbourhoods get more points than
 * motorways, like real customer addresses. Deterministic for a given graph and seed.
 */
public final class PointSampler {

    private final BaseGraph graph;
    private final int[] edges;
    private final double[] cumulative;

    private PointSampler(BaseGraph graph, int[] edges, double[] cumulative) {
        this.graph = graph;
        this.edges = edges;
        this.cumulative = cumulative;
    }

    public static PointSampler create(BaseGraph graph, Weighting weighting, BooleanEncodedValue subnetwork,
                                      EnumEncodedValue<RoadClass> roadClass, Predicate<RoadClass> classes) {
        int[] ids = new int[graph.getEdges()];
        double[] cum = new double[graph.getEdges()];
        int n = 0;
        double total = 0;
        AllEdgesIterator iter = graph.getAllEdges();
        while (iter.next()) {
            boolean drivable = Double.isFinite(weighting.calcEdgeWeight(iter, false))
                    && Double.isFinite(weighting.calcEdgeWeight(iter, true));
            if (drivable && !iter.get(subnetwork) && classes.test(iter.get(roadClass)) && iter.getDistance() > 1) {
                total += iter.getDistance();
                ids[n] = iter.getEdge();
                cum[n++] = total;
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no road of the requested classes in this network");
        }
        return new PointSampler(graph, Arrays.copyOf(ids, n), Arrays.copyOf(cum, n));
    }

    public List<GeoPoint> sample(int count, long seed) {
        Random random = new Random(seed);
        List<GeoPoint> out = new ArrayList<>(count);
        double total = cumulative[cumulative.length - 1];
        for (int i = 0; i < count; i++) {
            int k = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            int slot = k >= 0 ? k : -k - 1;
            out.add(pointAlong(graph.getEdgeIteratorState(edges[Math.min(slot, edges.length - 1)], Integer.MIN_VALUE),
                    random.nextDouble()));
        }
        return out;
    }

    /** A point a fraction of the way along an edge's geometry (linear in degrees: edges are short). */
    private static GeoPoint pointAlong(EdgeIteratorState edge, double fraction) {
        PointList pl = edge.fetchWayGeometry(FetchMode.ALL);
        double[] seg = new double[pl.size()];
        double len = 0;
        for (int i = 1; i < pl.size(); i++) {
            len += Math.hypot(pl.getLat(i) - pl.getLat(i - 1),
                    (pl.getLon(i) - pl.getLon(i - 1)) * Math.cos(Math.toRadians(pl.getLat(i))));
            seg[i] = len;
        }
        double want = fraction * len;
        for (int i = 1; i < pl.size(); i++) {
            if (seg[i] >= want) {
                double f = seg[i] == seg[i - 1] ? 0 : (want - seg[i - 1]) / (seg[i] - seg[i - 1]);
                return new GeoPoint(pl.getLat(i - 1) + f * (pl.getLat(i) - pl.getLat(i - 1)),
                        pl.getLon(i - 1) + f * (pl.getLon(i) - pl.getLon(i - 1)));
            }
        }
        return new GeoPoint(pl.getLat(0), pl.getLon(0));
    }
}
