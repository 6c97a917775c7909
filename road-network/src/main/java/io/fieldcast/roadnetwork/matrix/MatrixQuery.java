package io.fieldcast.roadnetwork.matrix;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;

import java.util.concurrent.ExecutorService;

/**
 * Sources and targets snapped and anchored to the graph ({@link Anchor}), ready for the many-to-many or for the
 * one-to-one loop it is compared with.
 */
public final class MatrixQuery {

    final SnapState[] sources;
    final SnapState[] targets;
    final Anchor[] sourceAnchors;
    final Anchor[] targetAnchors;

    private MatrixQuery(SnapState[] sources, SnapState[] targets, Anchor[] sourceAnchors, Anchor[] targetAnchors) {
        this.sources = sources;
        this.targets = targets;
        this.sourceAnchors = sourceAnchors;
        this.targetAnchors = targetAnchors;
    }

    public static MatrixQuery of(BaseGraph graph, Weighting weighting, SnapState[] sources, SnapState[] targets,
                                 ExecutorService pool, int threads) {
        Anchor[] from = new Anchor[sources.length];
        Anchor[] to = new Anchor[targets.length];
        Parallel.forEachChunk(from.length, pool, threads, () -> null,
                (unused, i) -> from[i] = Anchor.of(sources[i], graph, weighting, false));
        Parallel.forEachChunk(to.length, pool, threads, () -> null,
                (unused, j) -> to[j] = Anchor.of(targets[j], graph, weighting, true));
        return new MatrixQuery(sources, targets, from, to);
    }

    public int rows() {
        return sources.length;
    }

    public int cols() {
        return targets.length;
    }
}
